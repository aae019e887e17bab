package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A version of a registered model: the bundle of one run, pinned by hash, with the run's metrics as they were
 * when it was registered and the lineage run → config → dataset versions.
 */
public record ModelVersion(String model, int version, String runId, String experimentId, String runName,
                           String bundleSha256, long bundleSize, Map<String, Double> metrics,
                           Map<String, Double> subgroupGaps, Map<String, String> params, List<RunInput> datasets,
                           List<String> aliases, String description, Map<String, String> tags, String createdBy,
                           Instant createdAt) {
}
