package io.trainyard.drift;

/** One categorical feature: counts per category (one hash map pass), then every test works on counts. */
final class CategoricalFeatureEvaluator {

    private CategoricalFeatureEvaluator() {
    }

    static FeatureDrift evaluate(CategoricalSamples samples, DriftSettings settings) {
        CategoryCounts counts = CategoryCounts.of(samples.reference(), samples.current());
        long referenceSize = counts.referenceSize();
        long currentSize = counts.currentSize();
        TestSelector.Selection selection = TestSelector.select(samples.name(), FeatureType.CATEGORICAL,
                referenceSize, counts.categories.length, settings);
        StatTest test = selection.test();
        Histogram histogram = counts.categories.length == 0 ? null : counts.toHistogram();
        if (referenceSize == 0 || currentSize == 0) {
            return result(samples, selection, null, null, false, counts, FeatureDrift.NOT_ENOUGH_DATA, histogram);
        }
        long[][] psiBins = counts.psiBins();
        double psi = PopulationStability.index(psiBins[0], psiBins[1]);
        TestOutcome outcome = switch (test) {
            case CHI_SQUARE -> ChiSquareHomogeneity.test(counts.reference, counts.current);
            case JENSEN_SHANNON -> new TestOutcome(JensenShannon.distance(counts.reference, counts.current), null);
            case PSI -> new TestOutcome(psi, null);
            case KS, WASSERSTEIN -> throw new IllegalStateException("checked by TestSelector: " + test);
        };
        boolean drifted = test.drifted(outcome.statistic(), outcome.pValue(), selection.threshold());
        return result(samples, selection, outcome, psi, drifted, counts, null, histogram);
    }

    private static FeatureDrift result(CategoricalSamples samples, TestSelector.Selection selection,
                                       TestOutcome outcome, Double psi, boolean drifted, CategoryCounts counts,
                                       String problem, Histogram histogram) {
        return new FeatureDrift(samples.name(), FeatureType.CATEGORICAL, selection.test().id(), selection.threshold(),
                outcome == null ? null : outcome.statistic(), outcome == null ? null : outcome.pValue(), psi,
                drifted, counts.referenceSize(), counts.currentSize(), counts.referenceMissing, counts.currentMissing,
                counts.currentUnseen(), problem, histogram);
    }
}
