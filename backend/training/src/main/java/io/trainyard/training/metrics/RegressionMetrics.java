package io.trainyard.training.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** RMSE, MAE and R² = 1 - SS_res / SS_tot (in target units; R² is 0 when the target is constant). */
public record RegressionMetrics(double rmse, double mae, double r2) {

    public static RegressionMetrics compute(double[] actual, double[] predicted) {
        int n = actual.length;
        if (n == 0) {
            return new RegressionMetrics(Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            double e = actual[i] - predicted[i];
            ssRes += e * e;
            abs += Math.abs(e);
            ssTot += (actual[i] - mean) * (actual[i] - mean);
        }
        return new RegressionMetrics(Math.sqrt(ssRes / n), abs / n, ssTot == 0 ? 0 : 1 - ssRes / ssTot);
    }

    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "rmse", rmse);
        m.put(prefix + "mae", mae);
        m.put(prefix + "r2", r2);
        return m;
    }
}
