package io.trainyard.drift;

import java.util.Arrays;

/**
 * A sample sorted in place and seen as its finite values: indices [from, to) of the array. Sorting puts
 * −∞ first and +∞ then NaN last, so the missing values are the two ends and need no copy to drop.
 */
final class SortedSamples {

    final double[] values;
    final int from;
    final int to;

    private SortedSamples(double[] values, int from, int to) {
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /** Sorts {@code values} in place (the caller's array: see {@link NumericSamples}). */
    static SortedSamples sortInPlace(double[] values) {
        Arrays.sort(values);
        int from = 0;
        while (from < values.length && values[from] == Double.NEGATIVE_INFINITY) {
            from++;
        }
        int to = values.length;
        while (to > from && !(values[to - 1] < Double.POSITIVE_INFINITY)) { // +∞ and NaN
            to--;
        }
        return new SortedSamples(values, from, to);
    }

    int size() {
        return to - from;
    }

    long missing() {
        return values.length - size();
    }

    boolean isEmpty() {
        return to == from;
    }

    double min() {
        return values[from];
    }

    double max() {
        return values[to - 1];
    }

    /** Number of values ≤ x (binary search). */
    int countAtMost(double x) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - from;
    }

    /** Number of values &lt; x (binary search). */
    int countBelow(double x) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - from;
    }

    /** Sample standard deviation (n − 1 denominator), two passes for accuracy; 0 below 2 values. */
    double standardDeviation() {
        int n = size();
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }

    /** The finite values as an array of their own length: the array itself when nothing is missing. */
    double[] finiteValues() {
        return from == 0 && to == values.length ? values : Arrays.copyOfRange(values, from, to);
    }
}
