package io.trainyard.drift;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Pearson's chi-square test of homogeneity on the 2×K table (reference and current counts per
 * category), no continuity correction: scipy's chi2_contingency(table, correction=False). With K = 2
 * it equals the pooled two-proportion z-test Evidently uses for two categories (χ² = z², same p-value).
 */
final class ChiSquareHomogeneity {

    private static final ChiSquareTest TEST = ChiSquareTest.withDefaults();

    private ChiSquareHomogeneity() {
    }

    /** χ² with K − 1 degrees of freedom; one category on both sides means identical shares: (0, 1). */
    static TestOutcome test(long[] reference, long[] current) {
        int k = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] + current[i] > 0) {
                k++;
            }
        }
        if (k < 2) {
            return new TestOutcome(0, 1.0);
        }
        long[] r = new long[k];
        long[] c = new long[k];
        int at = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] + current[i] > 0) { // the library rejects a category empty on both sides
                r[at] = reference[i];
                c[at++] = current[i];
            }
        }
        SignificanceResult result = TEST.test(r, c);
        return new TestOutcome(result.getStatistic(), result.getPValue());
    }
}
