package io.trainyard.drift;

import java.util.List;

/**
 * The features' results (in the order given) and the dataset verdict: {@code datasetDrift} when at
 * least one feature was tested and driftedFeatures / testedFeatures ≥ driftShare.
 *
 * @param testedFeatures  features without a problem
 * @param driftedShare    driftedFeatures / testedFeatures, 0 when none was tested
 * @param driftShare      the settings' threshold on that share
 */
public record DriftReport(List<FeatureDrift> features, int testedFeatures, int driftedFeatures,
                          double driftedShare, double driftShare, boolean datasetDrift) {

    public DriftReport {
        features = List.copyOf(features);
    }
}
