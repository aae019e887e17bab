package io.trainyard.drift;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Equal-width bins over the combined finite range of two sorted samples: bin k is [e_k, e_{k+1}), the
 * last closed. Counted by binary search on the edges themselves, so a value's bin always agrees with
 * the edges and labels shown.
 */
final class EqualWidthHistogram {

    final double[] edges;
    final long[] reference;
    final long[] current;

    private EqualWidthHistogram(double[] edges, long[] reference, long[] current) {
        this.edges = edges;
        this.reference = reference;
        this.current = current;
    }

    /** Null when both samples are empty; one bin [v, v] when every value is v. */
    static EqualWidthHistogram of(SortedSamples ref, SortedSamples cur, int bins) {
        if (ref.isEmpty() && cur.isEmpty()) {
            return null;
        }
        double min = ref.isEmpty() ? cur.min() : cur.isEmpty() ? ref.min() : Math.min(ref.min(), cur.min());
        double max = ref.isEmpty() ? cur.max() : cur.isEmpty() ? ref.max() : Math.max(ref.max(), cur.max());
        double[] edges;
        if (min == max) {
            edges = new double[] {min, max};
        } else {
            edges = new double[bins + 1];
            double width = max / bins - min / bins; // no overflow for ranges near Double.MAX_VALUE
            for (int k = 0; k < bins; k++) {
                edges[k] = min + k * width;
            }
            edges[bins] = max;
        }
        return new EqualWidthHistogram(edges, counts(ref, edges), counts(cur, edges));
    }

    private static long[] counts(SortedSamples sample, double[] edges) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        int below = 0;
        for (int k = 0; k < bins - 1; k++) {
            int next = sample.countBelow(edges[k + 1]);
            counts[k] = next - below;
            below = next;
        }
        counts[bins - 1] = sample.size() - below;
        return counts;
    }

    Histogram toHistogram() {
        int bins = edges.length - 1;
        List<String> labels = new ArrayList<>(bins);
        Formatter format = Formatter.forEdges(edges);
        for (int k = 0; k < bins; k++) {
            boolean last = k == bins - 1;
            labels.add("[" + format.apply(edges[k]) + ", " + format.apply(edges[k + 1]) + (last ? "]" : ")"));
        }
        return new Histogram(labels, edges.clone(), shares(reference), shares(current));
    }

    static double[] shares(long[] counts) {
        double total = PopulationStability.sum(counts);
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : counts[i] / total;
        }
        return shares;
    }

    /** Enough digits to tell neighbouring edges apart, and no more. */
    record Formatter(int decimals, String pattern) {

        static Formatter forEdges(double[] edges) {
            double width = edges[1] - edges[0];
            double largest = Math.max(Math.abs(edges[0]), Math.abs(edges[edges.length - 1]));
            if (width == 0) {
                return new Formatter(-1, null);
            }
            int decimals = Math.max(1, (int) Math.ceil(-Math.log10(width)) + 1);
            if (largest >= 1e9 || decimals > 9) {
                int significant = Math.min(17, Math.max(2, (int) Math.ceil(Math.log10(largest / width)) + 2));
                return new Formatter(-1, "%." + significant + "g");
            }
            return new Formatter(decimals, null);
        }

        String apply(double value) {
            if (decimals >= 0) { // what %.Nf prints, without java.util.Formatter's cost (a feature has 21 edges)
                return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
            }
            return pattern == null ? Double.toString(value) : String.format(Locale.ROOT, pattern, value);
        }
    }
}
