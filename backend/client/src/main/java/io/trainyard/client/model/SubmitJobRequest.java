package io.trainyard.client.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/jobs} (admins): a job of a kind the executors know, e.g. {@code diagnostic} with
 * spec {@code {"sleepMs": 100, "fail": false}}. {@code project} defaults to {@code default}.
 */
public record SubmitJobRequest(
        @Size(max = 64) String project,
        @NotBlank @Size(max = 64) String kind,
        JsonNode spec,
        @Min(-1000) @Max(1000) Integer priority,
        @Valid JobResources resources,
        @Min(1) @Max(100) Integer maxAttempts,
        Instant notBefore) {
}
