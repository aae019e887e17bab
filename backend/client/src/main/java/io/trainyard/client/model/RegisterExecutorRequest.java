package io.trainyard.client.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/v1/executors/register}: who the executor is and what it can run. */
public record RegisterExecutorRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(0) @Max(64) Integer gpus,
        @Size(max = 32) List<String> labels,
        @Min(1) @Max(64) Integer concurrency,
        @Size(max = 1000) String devices,
        Boolean embedded) {
}
