package io.trainyard.client.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A training run for an executor: the dataset version, the training config (see docs/training.md), the
 * resources the job needs and its priority. {@code experiment} defaults to "training".
 */
public record TrainingRunRequest(String experiment, String name, DatasetRef dataset, JsonNode config,
                                 Resources resources, Integer priority) {

    public record DatasetRef(String name, Integer version) {
    }

    public record Resources(Integer gpus, List<String> labels) {
    }
}
