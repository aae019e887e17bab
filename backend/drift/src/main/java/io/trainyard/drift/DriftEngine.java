package io.trainyard.drift;

import java.util.List;
import java.util.Objects;

/**
 * Compares each feature's current sample with its reference and decides dataset drift. Thread-safe; the
 * numeric arrays handed in are sorted in place (see {@link NumericSamples}). The statistics are described
 * in docs/drift-statistics.md.
 */
public final class DriftEngine {

    private final DriftSettings settings;

    public DriftEngine(DriftSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DriftSettings settings() {
        return settings;
    }

    /**
     * One feature's result.
     *
     * @throws IllegalArgumentException if the settings choose a test that cannot apply to this feature
     *                                  (KS or Wasserstein for a categorical one); the message names both
     */
    public FeatureDrift feature(FeatureSamples samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples instanceof NumericSamples numeric) {
            return NumericFeatureEvaluator.evaluate(numeric, settings);
        }
        return CategoricalFeatureEvaluator.evaluate((CategoricalSamples) samples, settings);
    }

    /**
     * Features evaluated in parallel on a bounded pool (at most availableProcessors at a time, shared by
     * all engines); results in the order given. Features with a problem are not tested.
     *
     * @throws IllegalArgumentException as {@link #feature}, checked for all features before any work
     */
    public DriftReport report(List<? extends FeatureSamples> features) {
        Objects.requireNonNull(features, "features");
        for (FeatureSamples samples : features) {
            Objects.requireNonNull(samples, "features contains null");
            FeatureType type = samples instanceof NumericSamples ? FeatureType.NUMERIC : FeatureType.CATEGORICAL;
            TestSelector.checkChoice(samples.name(), type, settings);
        }
        List<FeatureDrift> results = features.isEmpty() ? List.of() : DriftPool.map(features, this::feature);
        int tested = 0;
        int drifted = 0;
        for (FeatureDrift result : results) {
            if (result.problem() == null) {
                tested++;
                drifted += result.drifted() ? 1 : 0;
            }
        }
        double driftedShare = tested == 0 ? 0 : (double) drifted / tested;
        return new DriftReport(results, tested, drifted, driftedShare, settings.driftShare(),
                tested > 0 && driftedShare >= settings.driftShare());
    }
}
