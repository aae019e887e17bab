package io.trainyard.server.serving.predict;

import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks request rows against the model's features and turns them into cells in feature order. A missing
 * feature or a value of the wrong type is refused naming {@code rows[i].feature}; {@code null} is a missing
 * value (imputed as in training); a category not seen in training is counted and goes to the unknown bucket.
 */
final class RowEncoder {

    private static final int MAX_PROBLEMS = 20;

    record Encoded(List<String[]> cells, Map<String, Long> unknownCategories) {
    }

    private RowEncoder() {
    }

    static Encoded encode(LoadedModel model, List<Map<String, Object>> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Long> unknown = new LinkedHashMap<>();
        List<String[]> cells = new ArrayList<>(rows.size());
        List<LoadedModel.Feature> features = model.features();
        for (int i = 0; i < rows.size() && problems.size() < MAX_PROBLEMS; i++) {
            Map<String, Object> row = rows.get(i);
            if (row == null) {
                problems.add(new FieldProblem("rows[" + i + "]", "must be an object of feature values"));
                continue;
            }
            String[] out = new String[features.size()];
            for (int f = 0; f < features.size(); f++) {
                LoadedModel.Feature feature = features.get(f);
                String field = "rows[" + i + "]." + feature.name();
                if (!row.containsKey(feature.name())) {
                    problems.add(new FieldProblem(field, "is missing: the model needs every feature it was trained on"
                            + " (send null for an unknown value)"));
                    continue;
                }
                Object value = row.get(feature.name());
                if (value == null) {
                    out[f] = null;
                } else if (feature.numeric()) {
                    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                        problems.add(new FieldProblem(field, "must be a finite number (or null), not "
                                + describe(value)));
                        continue;
                    }
                    out[f] = value.toString();
                } else {
                    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                        problems.add(new FieldProblem(field, "must be text (or null), not " + describe(value)));
                        continue;
                    }
                    String text = value.toString().strip();
                    out[f] = text;
                    if (!text.isEmpty() && !feature.categories().contains(text)) {
                        unknown.merge(feature.name(), 1L, Long::sum);
                    }
                }
            }
            cells.add(out);
        }
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        return new Encoded(cells, unknown);
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.toString();
    }
}
