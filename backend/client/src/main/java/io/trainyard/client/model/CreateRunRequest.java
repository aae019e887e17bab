package io.trainyard.client.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** A run tracked by the caller's own code; it starts as running. */
public record CreateRunRequest(@Size(max = 250) String name, Map<String, String> params, Map<String, String> tags,
                               @Valid List<DatasetInput> inputs) {

    /** A Trainyard dataset version used by the run. */
    public record DatasetInput(String dataset, Integer version, String context) {
    }
}
