package io.trainyard.training.metrics;

import java.util.List;

/** Counts[actual][predicted], rows and columns in {@code labels} order. */
public record ConfusionMatrix(List<String> labels, long[][] counts) {

    public static ConfusionMatrix of(List<String> labels, int[] actual, int[] predicted) {
        long[][] c = new long[labels.size()][labels.size()];
        for (int i = 0; i < actual.length; i++) {
            c[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(List.copyOf(labels), c);
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }
}
