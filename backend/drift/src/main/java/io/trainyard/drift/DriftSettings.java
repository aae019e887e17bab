package io.trainyard.drift;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How drift is computed. Invalid values are rejected with an {@link IllegalArgumentException} whose
 * message names the field.
 *
 * @param psiBins             quantile bins of the reference for PSI, 2 to 100
 * @param driftShare          share of tested features that must drift for dataset drift, in (0, 1]
 * @param smallReferenceLimit up to this many non-missing reference values the automatic choice takes a
 *                            statistical test (KS, chi-square), above it a distance (Wasserstein,
 *                            Jensen–Shannon); 0 or more
 * @param histogramBins       equal-width bins of the numeric histograms, 2 to 1000
 * @param numeric             the choice for every numeric feature; null = automatic
 * @param categorical         the choice for every categorical feature; null = automatic. Its test must
 *                            apply to categorical features (chisquare, jensenshannon or psi)
 * @param features            per-feature choices by feature name; they win over numeric / categorical
 */
public record DriftSettings(int psiBins, double driftShare, int smallReferenceLimit, int histogramBins,
                            TestChoice numeric, TestChoice categorical, Map<String, TestChoice> features) {

    public DriftSettings {
        if (psiBins < 2 || psiBins > 100) {
            throw new IllegalArgumentException("psiBins must be between 2 and 100, was " + psiBins);
        }
        if (!(driftShare > 0 && driftShare <= 1)) {
            throw new IllegalArgumentException("driftShare must be in (0, 1], was " + driftShare);
        }
        if (smallReferenceLimit < 0) {
            throw new IllegalArgumentException("smallReferenceLimit must be 0 or more, was " + smallReferenceLimit);
        }
        if (histogramBins < 2 || histogramBins > 1000) {
            throw new IllegalArgumentException("histogramBins must be between 2 and 1000, was " + histogramBins);
        }
        if (categorical != null && categorical.test() != null
                && !categorical.test().appliesTo(FeatureType.CATEGORICAL)) {
            throw new IllegalArgumentException("categorical: test " + categorical.test().id()
                    + " does not apply to categorical features; allowed: "
                    + StatTest.ids(StatTest.CHI_SQUARE, StatTest.JENSEN_SHANNON, StatTest.PSI));
        }
        if (features == null) {
            features = Map.of();
        } else {
            Map<String, TestChoice> copy = new LinkedHashMap<>();
            features.forEach((name, choice) -> {
                if (name == null || choice == null) {
                    throw new IllegalArgumentException("features: null " + (name == null ? "feature name" : "choice for " + name));
                }
                copy.put(name, choice);
            });
            features = Map.copyOf(copy);
        }
    }

    /** psiBins 10, driftShare 0.5, smallReferenceLimit 1000, histogramBins 20, automatic tests. */
    public static DriftSettings defaults() {
        return new DriftSettings(10, 0.5, 1000, 20, null, null, Map.of());
    }

    public DriftSettings withPsiBins(int psiBins) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withDriftShare(double driftShare) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withSmallReferenceLimit(int smallReferenceLimit) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withHistogramBins(int histogramBins) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withNumeric(TestChoice numeric) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withCategorical(TestChoice categorical) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    public DriftSettings withFeatures(Map<String, TestChoice> features) {
        return new DriftSettings(psiBins, driftShare, smallReferenceLimit, histogramBins, numeric, categorical, features);
    }

    /** The choice that applies to this feature: its own, else its type's, else automatic. */
    TestChoice choiceFor(String feature, FeatureType type) {
        TestChoice own = features.get(feature);
        if (own != null) {
            return own;
        }
        TestChoice byType = type == FeatureType.NUMERIC ? numeric : categorical;
        return byType != null ? byType : TestChoice.automatic();
    }
}
