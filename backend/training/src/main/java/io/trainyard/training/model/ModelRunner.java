package io.trainyard.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Inference (training=false: dropout off, batch norm on running statistics) in chunks. */
public final class ModelRunner {
    private static final int CHUNK = 4096;

    private ModelRunner() {
    }

    /**
     * @param x row-major features, {@code rows * width}
     * @return the raw outputs (logits or standardized value), {@code rows * outputWidth}
     */
    public static float[] forward(Block block, NDManager manager, float[] x, int rows, int width, int outputWidth) {
        float[] out = new float[rows * outputWidth];
        for (int start = 0; start < rows; start += CHUNK) {
            int n = Math.min(CHUNK, rows - start);
            try (NDManager scope = manager.newSubManager()) {
                float[] chunk = new float[n * width];
                System.arraycopy(x, start * width, chunk, 0, n * width);
                NDArray input = scope.create(chunk, new Shape(n, width));
                NDArray result = block.forward(new ParameterStore(scope, false), new NDList(input), false)
                        .singletonOrThrow();
                float[] values = result.toFloatArray();
                System.arraycopy(values, 0, out, start * outputWidth, n * outputWidth);
            }
        }
        return out;
    }

    /** Softmax per row, in double precision. */
    public static double[][] softmax(float[] logits, int rows, int k) {
        double[][] p = new double[rows][k];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = Math.exp(logits[i * k + c] - max);
                sum += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= sum;
            }
        }
        return p;
    }
}
