package io.trainyard.client.model;

import java.util.Map;

/**
 * How drift is judged; every field is optional (null: the default). Tests are chosen automatically by feature
 * type and reference size unless {@code numeric}, {@code categorical} or a feature's entry in {@code features}
 * names one. Performance thresholds apply when labels were posted as feedback.
 *
 * @param driftShare  dataset drift when at least this share of the tested features drifted (default 0.5)
 * @param minRows     fewer current rows than this is "not enough data" (default 100)
 * @param psiBins     quantile bins of the reference for PSI (default 10)
 * @param minLabels   fewer labelled predictions than this: performance is not judged (default 30)
 */
public record DriftThresholds(Double driftShare, Integer minRows, Integer psiBins, FeatureTest numeric,
                              FeatureTest categorical, Map<String, FeatureTest> features, Double minAccuracy,
                              Double minF1, Double maxRmse, Integer minLabels) {
}
