package io.trainyard.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov–Smirnov test. D = sup |F_ref − F_cur| comes from one merge walk over the sorted
 * samples; its p-value from Commons Statistics.
 */
final class KolmogorovSmirnov {

    private static final KolmogorovSmirnovTest TEST = KolmogorovSmirnovTest.withDefaults();

    private KolmogorovSmirnov() {
    }

    /**
     * D scaled by n·m, an exact integer: each reference value moves n·m·(F_ref − F_cur) up by m, each
     * current value down by n. A run of equal values is crossed whole, on both sides, before the
     * difference is looked at: the ECDFs only exist at the end of a tie (as scipy's ks_2samp does).
     */
    static long integralStatistic(SortedSamples ref, SortedSamples cur) {
        long n = ref.size();
        long m = cur.size();
        double[] a = ref.values;
        double[] b = cur.values;
        int i = ref.from;
        int j = cur.from;
        long diff = 0;
        long max = 0;
        while (i < ref.to && j < cur.to) {
            double x = Math.min(a[i], b[j]);
            while (i < ref.to && a[i] == x) {
                i++;
                diff += m;
            }
            while (j < cur.to && b[j] == x) {
                j++;
                diff -= n;
            }
            max = Math.max(max, Math.abs(diff));
        }
        // once one side is exhausted the difference only shrinks back to 0
        return max;
    }

    static double statistic(SortedSamples ref, SortedSamples cur) {
        return integralStatistic(ref, cur) / ((double) ref.size() * cur.size());
    }

    /**
     * D and its two-sided p-value P(D_{n,m} ≥ d). Commons Statistics computes it exactly (Viehmann 2021,
     * Hodges 1958) when both samples have fewer than 10,000 values, else with Smirnov's asymptotic
     * formula (the one-sample distribution at n·m/(n+m)), as scipy's ks_2samp does. The library has no
     * public entry point for its distribution, so it gets the finite values and re-derives D (it clones
     * and sorts them: one linear pass over sorted input); the D reported is ours, the same integer.
     * Needs 2 values per side.
     */
    static TestOutcome test(SortedSamples ref, SortedSamples cur) {
        double d = statistic(ref, cur);
        double p = TEST.test(ref.finiteValues(), cur.finiteValues()).getPValue();
        return new TestOutcome(d, p);
    }
}
