package io.trainyard.drift;

/**
 * Population stability index, PSI = Σ (c_i − r_i) ln(c_i / r_i) over bins, r and c the reference's and
 * current's shares. A share below 10⁻⁴ is raised to 10⁻⁴ on either side, without renormalising (as the
 * server's dataset diff does): an empty bin adds a large but finite term, a bin empty on both sides 0.
 */
final class PopulationStability {

    static final double MIN_SHARE = 1e-4;

    private PopulationStability() {
    }

    /**
     * Cut points at the reference's quantiles k/bins, k = 1 … bins−1, each the smallest reference value
     * whose ECDF reaches k/bins (index ⌈k·n/bins⌉ − 1, numpy's "inverted_cdf"); equal cut points merged.
     * The bins are (−∞, c_1], (c_1, c_2], …, (c_last, +∞): without ties each holds ⌈k·n/bins⌉ −
     * ⌈(k−1)·n/bins⌉ reference values. Empty when the reference is empty.
     */
    static double[] cutPoints(SortedSamples ref, int bins) {
        long n = ref.size();
        double[] cuts = new double[Math.max(0, bins - 1)];
        int count = 0;
        if (n == 0) {
            return new double[0];
        }
        for (int k = 1; k < bins; k++) {
            int index = (int) ((k * n + bins - 1) / bins) - 1;
            double cut = ref.values[ref.from + index];
            if (count == 0 || cut > cuts[count - 1]) {
                cuts[count++] = cut;
            }
        }
        return java.util.Arrays.copyOf(cuts, count);
    }

    /** Values per bin (−∞, c_1], (c_1, c_2], …, (c_last, +∞), by binary search. */
    static long[] binCounts(SortedSamples sample, double[] cuts) {
        long[] counts = new long[cuts.length + 1];
        int below = 0;
        for (int k = 0; k < cuts.length; k++) {
            int atMost = sample.countAtMost(cuts[k]);
            counts[k] = atMost - below;
            below = atMost;
        }
        counts[cuts.length] = sample.size() - below;
        return counts;
    }

    /** PSI of two count vectors over the same bins (each total &gt; 0). */
    static double index(long[] reference, long[] current) {
        double referenceTotal = sum(reference);
        double currentTotal = sum(current);
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = Math.max(reference[i] / referenceTotal, MIN_SHARE);
            double c = Math.max(current[i] / currentTotal, MIN_SHARE);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
