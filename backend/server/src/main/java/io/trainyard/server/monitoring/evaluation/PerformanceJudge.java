package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DriftThresholds;
import io.trainyard.client.model.ModelPerformance;
import io.trainyard.server.monitoring.drift.DriftSettingsFactory;
import io.trainyard.server.serving.LabelledPrediction;
import io.trainyard.training.metrics.RegressionMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quality on the window's predictions that got ground truth: accuracy and macro F1 over every class seen in
 * either the truth or the predictions (classification), or RMSE (regression; a label that is not a number is
 * left out). Judged against the monitor's thresholds only with at least {@code minLabels} labels.
 */
final class PerformanceJudge {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PerformanceJudge() {
    }

    static ModelPerformance judge(List<LabelledPrediction> labelled, boolean classification,
                                  DriftThresholds thresholds) {
        if (labelled.isEmpty()) {
            return null;
        }
        int minLabels = DriftSettingsFactory.minLabels(thresholds);
        return classification ? classification(labelled, thresholds, minLabels)
                : regression(labelled, thresholds, minLabels);
    }

    private static ModelPerformance classification(List<LabelledPrediction> labelled, DriftThresholds t,
                                                   int minLabels) {
        Map<String, int[]> counts = new HashMap<>(); // class -> {true positives, predicted, actual}
        int correct = 0;
        for (LabelledPrediction p : labelled) {
            JsonNode label = JSON.readTree(p.outputJson()).get("label");
            String predicted = label == null || label.isNull() ? "" : label.asString();
            String actual = p.label();
            counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
            counts.computeIfAbsent(actual, k -> new int[3])[2]++;
            if (predicted.equals(actual)) {
                correct++;
                counts.get(actual)[0]++;
            }
        }
        double accuracy = (double) correct / labelled.size();
        double f1Sum = 0;
        for (int[] c : counts.values()) {
            double precision = c[1] == 0 ? 0 : (double) c[0] / c[1];
            double recall = c[2] == 0 ? 0 : (double) c[0] / c[2];
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        double f1 = f1Sum / counts.size();
        boolean judged = labelled.size() >= minLabels;
        List<String> breaches = new ArrayList<>();
        if (judged && t != null && t.minAccuracy() != null && accuracy < t.minAccuracy()) {
            breaches.add("accuracy %.4f is below %s".formatted(accuracy, t.minAccuracy()));
        }
        if (judged && t != null && t.minF1() != null && f1 < t.minF1()) {
            breaches.add("macro F1 %.4f is below %s".formatted(f1, t.minF1()));
        }
        return new ModelPerformance(labelled.size(), accuracy, f1, null, judged, breaches);
    }

    private static ModelPerformance regression(List<LabelledPrediction> labelled, DriftThresholds t, int minLabels) {
        double[] actual = new double[labelled.size()];
        double[] predicted = new double[labelled.size()];
        int n = 0;
        for (LabelledPrediction p : labelled) {
            JsonNode value = JSON.readTree(p.outputJson()).get("value");
            Double truth = parse(p.label());
            if (value == null || !value.isNumber() || truth == null) {
                continue;
            }
            actual[n] = truth;
            predicted[n] = value.doubleValue();
            n++;
        }
        if (n == 0) {
            return new ModelPerformance(0, null, null, null, false, List.of());
        }
        double rmse = RegressionMetrics.compute(java.util.Arrays.copyOf(actual, n),
                java.util.Arrays.copyOf(predicted, n)).rmse();
        boolean judged = n >= minLabels;
        List<String> breaches = new ArrayList<>();
        if (judged && t != null && t.maxRmse() != null && rmse > t.maxRmse()) {
            breaches.add("RMSE %.4f is above %s".formatted(rmse, t.maxRmse()));
        }
        return new ModelPerformance(n, null, null, rmse, judged, breaches);
    }

    private static Double parse(String label) {
        try {
            double v = Double.parseDouble(label.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
