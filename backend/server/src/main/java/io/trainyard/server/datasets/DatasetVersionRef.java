package io.trainyard.server.datasets;

/** Names one dataset version; {@code id} is what other modules keep as their reference. */
public record DatasetVersionRef(long id, long projectId, String dataset, int version, String sha256) {
}
