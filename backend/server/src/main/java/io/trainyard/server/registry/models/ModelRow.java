package io.trainyard.server.registry.models;

import java.time.Instant;

/** A registered model as stored; {@code policyJson} is the normalized promotion policy. */
public record ModelRow(long id, long projectId, String projectKey, String name, String description,
                       String modelCard, String policyJson, String createdBy, Instant createdAt, Instant updatedAt) {
}
