package io.trainyard.server.datasets.profile;

/**
 * Sorts row hashes ascending (signed order, like {@link java.util.Arrays#sort(long[])}) with an LSD
 * radix sort: 11 bits a pass, 6 passes, passes that all keys agree on skipped. Row hashes are
 * uniformly spread 64-bit values, where this is 3–4 times faster than the comparison sort (about 40
 * against 140 ms for two million rows), at the cost of a scratch array of the same size.
 */
final class RowHashSort {

    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private RowHashSort() {
    }

    static void sort(long[] a) {
        int n = a.length;
        if (n < 1024) {
            java.util.Arrays.sort(a);
            return;
        }
        int[][] counts = new int[PASSES][RADIX];
        for (long value : a) {
            long u = value ^ Long.MIN_VALUE; // signed order = unsigned order of the flipped sign bit
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) (u >>> (p * BITS)) & MASK]++;
            }
        }
        long[] src = a;
        long[] dst = new long[n];
        for (int p = 0; p < PASSES; p++) {
            int shift = p * BITS;
            int[] offsets = counts[p];
            if (offsets[(int) ((src[0] ^ Long.MIN_VALUE) >>> shift) & MASK] == n) {
                continue; // every key has the same digit here
            }
            int sum = 0;
            for (int i = 0; i < RADIX; i++) {
                int count = offsets[i];
                offsets[i] = sum;
                sum += count;
            }
            for (int i = 0; i < n; i++) {
                long value = src[i];
                dst[offsets[(int) ((value ^ Long.MIN_VALUE) >>> shift) & MASK]++] = value;
            }
            long[] swap = src;
            src = dst;
            dst = swap;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }
}
