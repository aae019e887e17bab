package io.trainyard.server.registry.models;

import java.time.Instant;
import java.util.UUID;

/** A model version as stored; the metrics and subgroup gaps are JSON objects of name → number. */
public record VersionRow(long id, long modelId, int version, UUID runId, String bundleSha256, long bundleSize,
                         String metricsJson, String subgroupGapsJson, String description, String createdBy,
                         Instant createdAt) {
}
