package io.trainyard.client.model;

import java.time.Instant;
import java.util.Map;

/** An experiment: a named group of runs in a project. {@code lifecycleStage} is active or deleted. */
public record Experiment(String id, String project, String name, String description, String lifecycleStage,
                         Map<String, String> tags, Long runCount, String createdBy, Instant createdAt,
                         Instant updatedAt) {
}
