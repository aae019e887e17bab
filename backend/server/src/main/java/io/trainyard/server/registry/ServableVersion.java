package io.trainyard.server.registry;

/** A model version as serving needs it: where its pinned bundle is, and how to name it in answers and logs. */
public record ServableVersion(long projectId, String project, long modelId, String model, int version,
                              String bundleSha256) {
}
