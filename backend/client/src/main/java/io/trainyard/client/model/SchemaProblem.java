package io.trainyard.client.model;

/** A feature that could not be compared: missing on one side, or of another type. */
public record SchemaProblem(String feature, String problem) {
}
