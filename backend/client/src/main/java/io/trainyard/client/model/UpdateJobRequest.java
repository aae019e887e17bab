package io.trainyard.client.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code PATCH /api/v1/jobs/{id}}: a queued job's new priority (higher is claimed first). */
public record UpdateJobRequest(@NotNull @Min(-1000) @Max(1000) Integer priority) {
}
