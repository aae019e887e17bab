package io.trainyard.server.registry;

/**
 * A model version as serving and monitoring need it: where its pinned bundle is, how to name it in answers and
 * logs, and the run it came from (its lineage: config and dataset versions).
 */
public record ServableVersion(long projectId, String project, long modelId, String model, int version,
                              String bundleSha256, java.util.UUID runId) {
}
