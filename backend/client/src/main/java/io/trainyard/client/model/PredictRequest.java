package io.trainyard.client.model;

import java.util.List;
import java.util.Map;

/** Rows to score, each keyed by feature name: numbers for numeric features, text for categorical ones. */
public record PredictRequest(List<Map<String, Object>> rows) {
}
