package io.trainyard.training.preprocess;

/**
 * One split, encoded: row-major features {@code x} ({@code rows * width}), model labels {@code y} (class index or
 * standardized value), raw targets (class index or value in target units) and the source row indexes.
 */
public record EncodedSplit(int[] sourceRows, float[] x, float[] y, double[] target, int width) {

    public int rows() {
        return sourceRows.length;
    }
}
