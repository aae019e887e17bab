package io.trainyard.drift;

/** Distinct values of two sorted samples, found by one merge walk (no hashing, no boxing). */
final class DistinctValues {

    private DistinctValues() {
    }

    /** The number of distinct values over both samples, counting stops at {@code limit}. */
    static int count(SortedSamples a, SortedSamples b, int limit) {
        int i = a.from;
        int j = b.from;
        int distinct = 0;
        while ((i < a.to || j < b.to) && distinct < limit) {
            double x = next(a, i, b, j);
            while (i < a.to && a.values[i] == x) {
                i++;
            }
            while (j < b.to && b.values[j] == x) {
                j++;
            }
            distinct++;
        }
        return distinct;
    }

    /** Counts per distinct value (ascending) over both samples: the values treated as categories. */
    static Counts counts(SortedSamples a, SortedSamples b) {
        int k = count(a, b, Integer.MAX_VALUE);
        double[] values = new double[k];
        long[] countsA = new long[k];
        long[] countsB = new long[k];
        int i = a.from;
        int j = b.from;
        for (int c = 0; c < k; c++) {
            double x = next(a, i, b, j);
            int i0 = i;
            int j0 = j;
            while (i < a.to && a.values[i] == x) {
                i++;
            }
            while (j < b.to && b.values[j] == x) {
                j++;
            }
            values[c] = x;
            countsA[c] = i - i0;
            countsB[c] = j - j0;
        }
        return new Counts(values, countsA, countsB);
    }

    /** The smaller of the two next values (a side that is exhausted does not count). */
    private static double next(SortedSamples a, int i, SortedSamples b, int j) {
        if (i == a.to) {
            return b.values[j];
        }
        if (j == b.to) {
            return a.values[i];
        }
        return Math.min(a.values[i], b.values[j]);
    }

    record Counts(double[] values, long[] reference, long[] current) {
    }
}
