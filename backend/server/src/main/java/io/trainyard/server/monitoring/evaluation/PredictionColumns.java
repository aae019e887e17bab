package io.trainyard.server.monitoring.evaluation;

import io.trainyard.server.datasets.ColumnValues;
import io.trainyard.server.serving.PastPrediction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logged predictions turned into columns: each feature from the logged request rows (a missing or unreadable
 * value counts as missing), and the outputs of the holder's own version only, since another version's answers
 * say nothing about this one's drift.
 */
record PredictionColumns(Map<String, ColumnValues> columns, ColumnValues outputs) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static PredictionColumns parse(List<PastPrediction> predictions, Map<String, Boolean> features, int version,
                                   boolean classification) {
        int n = predictions.size();
        Map<String, double[]> numbers = new LinkedHashMap<>();
        Map<String, String[]> labels = new LinkedHashMap<>();
        features.forEach((name, numeric) -> {
            if (numeric) {
                numbers.put(name, new double[n]);
            } else {
                labels.put(name, new String[n]);
            }
        });
        double[] values = new double[n];
        String[] predicted = new String[n];
        int outputs = 0;
        for (int i = 0; i < n; i++) {
            PastPrediction p = predictions.get(i);
            JsonNode row = JSON.readTree(p.featuresJson());
            for (Map.Entry<String, double[]> e : numbers.entrySet()) {
                e.getValue()[i] = number(row.get(e.getKey()));
            }
            for (Map.Entry<String, String[]> e : labels.entrySet()) {
                e.getValue()[i] = text(row.get(e.getKey()));
            }
            if (p.version() == version) {
                JsonNode output = JSON.readTree(p.outputJson());
                if (classification) {
                    predicted[outputs++] = text(output.get("label"));
                } else {
                    values[outputs++] = number(output.get("value"));
                }
            }
        }
        Map<String, ColumnValues> columns = new LinkedHashMap<>();
        features.keySet().forEach(name -> columns.put(name, numbers.containsKey(name)
                ? new ColumnValues(name, numbers.get(name), null) : new ColumnValues(name, null, labels.get(name))));
        ColumnValues out = classification
                ? new ColumnValues(ModelOutputs.NAME, null, Arrays.copyOf(predicted, outputs))
                : new ColumnValues(ModelOutputs.NAME, Arrays.copyOf(values, outputs), null);
        return new PredictionColumns(columns, out);
    }

    private static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asString().strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isString() ? node.asString().strip() : node.toString();
        return text.isEmpty() ? null : text;
    }
}
