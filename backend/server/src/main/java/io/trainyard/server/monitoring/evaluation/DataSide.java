package io.trainyard.server.monitoring.evaluation;

import io.trainyard.server.datasets.ColumnValues;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One side of a comparison: the feature columns, how to name it in the report, its time span (prediction
 * windows only), and the model's outputs where known (labels for classification, values for regression).
 */
record DataSide(String label, int rows, Map<String, ColumnValues> columns, List<String> absent, Instant start,
                Instant end, ColumnValues outputs) {
}
