package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A drift report: per-feature results, prediction (output) drift, schema problems, performance where labels
 * exist, and the verdict. {@code status}: ok, drifting or not_enough_data. Ad hoc comparisons have no id.
 */
public record DriftReport(Long id, Long monitorId, String status, Integer modelVersion, String reference,
                          String current, Instant windowStart, Instant windowEnd, boolean drifted,
                          int testedFeatures, int driftedFeatures, double driftedShare, double driftShare,
                          List<FeatureDrift> features, FeatureDrift output, List<SchemaProblem> schemaProblems,
                          ModelPerformance performance, String retrainRunId, Instant createdAt, String error) {
}
