package io.trainyard.client.model;

/**
 * One feature's drift: the test that decided, its statistic and p-value (distance tests have none), the
 * threshold, PSI always, counts, and {@code problem} when it could not be tested (then not drifted).
 */
public record FeatureDrift(String feature, String type, String test, Double statistic, Double pValue,
                           double threshold, Double psi, boolean drifted, long referenceCount, long currentCount,
                           long referenceMissing, long currentMissing, long currentUnseen, String problem,
                           DriftHistogram histogram) {
}
