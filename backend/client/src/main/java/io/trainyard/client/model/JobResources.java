package io.trainyard.client.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a job needs: {@code gpus} (0 to 8; null means 0) and labels an executor must all advertise
 * (e.g. {@code a100}, {@code zone=eu}).
 */
public record JobResources(@Min(0) @Max(8) Integer gpus, @Size(max = 16) List<String> labels) {

    public static JobResources none() {
        return new JobResources(0, List.of());
    }
}
