package io.trainyard.drift;

/** One numeric feature: sort both samples once, then every statistic is a merge walk or a binary search. */
final class NumericFeatureEvaluator {

    private NumericFeatureEvaluator() {
    }

    static FeatureDrift evaluate(NumericSamples samples, DriftSettings settings) {
        SortedSamples ref = SortedSamples.sortInPlace(samples.reference());
        SortedSamples cur = SortedSamples.sortInPlace(samples.current());
        int distinct = DistinctValues.count(ref, cur, TestSelector.FEW_DISTINCT + 1);
        TestSelector.Selection selection = TestSelector.select(samples.name(), FeatureType.NUMERIC, ref.size(),
                distinct, settings);
        StatTest test = selection.test();
        EqualWidthHistogram histogram = EqualWidthHistogram.of(ref, cur, settings.histogramBins());
        int needed = test == StatTest.KS ? 2 : 1; // the KS p-value needs two values per side
        if (ref.size() < needed || cur.size() < needed) {
            return result(samples, selection, null, null, false, ref, cur, FeatureDrift.NOT_ENOUGH_DATA, histogram);
        }
        double[] cuts = PopulationStability.cutPoints(ref, settings.psiBins());
        long[] psiReference = PopulationStability.binCounts(ref, cuts);
        long[] psiCurrent = PopulationStability.binCounts(cur, cuts);
        double psi = PopulationStability.index(psiReference, psiCurrent);
        TestOutcome outcome = switch (test) {
            case KS -> KolmogorovSmirnov.test(ref, cur);
            case WASSERSTEIN -> new TestOutcome(Wasserstein.normalised(ref, cur), null);
            case PSI -> new TestOutcome(psi, null);
            case CHI_SQUARE, JENSEN_SHANNON -> {
                long[][] bins = asCategories(ref, cur, distinct, histogram);
                yield test == StatTest.CHI_SQUARE
                        ? ChiSquareHomogeneity.test(bins[0], bins[1])
                        : new TestOutcome(JensenShannon.distance(bins[0], bins[1]), null);
            }
        };
        boolean drifted = test.drifted(outcome.statistic(), outcome.pValue(), selection.threshold());
        return result(samples, selection, outcome, psi, drifted, ref, cur, null, histogram);
    }

    /**
     * Counts for the category tests: each value its own category when there are at most 5 distinct
     * values (Evidently's rule), else the equal-width histogram's bins (Evidently bins numeric values
     * for Jensen–Shannon the same way, over the combined range).
     */
    private static long[][] asCategories(SortedSamples ref, SortedSamples cur, int distinct,
                                         EqualWidthHistogram histogram) {
        if (distinct <= TestSelector.FEW_DISTINCT) {
            DistinctValues.Counts counts = DistinctValues.counts(ref, cur);
            return new long[][] {counts.reference(), counts.current()};
        }
        return new long[][] {histogram.reference, histogram.current};
    }

    private static FeatureDrift result(NumericSamples samples, TestSelector.Selection selection, TestOutcome outcome,
                                       Double psi, boolean drifted, SortedSamples ref, SortedSamples cur,
                                       String problem, EqualWidthHistogram histogram) {
        return new FeatureDrift(samples.name(), FeatureType.NUMERIC, selection.test().id(), selection.threshold(),
                outcome == null ? null : outcome.statistic(), outcome == null ? null : outcome.pValue(), psi,
                drifted, ref.size(), cur.size(), ref.missing(), cur.missing(), 0, problem,
                histogram == null ? null : histogram.toHistogram());
    }
}
