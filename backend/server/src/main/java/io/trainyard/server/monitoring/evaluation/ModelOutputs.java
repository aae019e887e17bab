package io.trainyard.server.monitoring.evaluation;

import io.trainyard.server.datasets.ColumnTable;
import io.trainyard.server.datasets.ColumnValues;
import io.trainyard.training.bundle.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model's outputs on reference rows, for prediction drift: the holder scores (a systematic sample of at most
 * {@code maxRows} of) the reference, so its answers there are compared with its answers in production.
 */
final class ModelOutputs {

    static final String NAME = "prediction";
    private static final int BATCH = 2_000;

    private ModelOutputs() {
    }

    static ColumnValues score(HolderModel holder, ColumnTable table, int maxRows) {
        if (table.rows() == 0 || maxRows <= 0 || !table.absent().isEmpty()) {
            return null;
        }
        List<String> features = holder.predictor().featureNames();
        int stride = Math.max(1, (table.rows() + maxRows - 1) / maxRows);
        List<Prediction> predictions = new ArrayList<>();
        List<String[]> batch = new ArrayList<>(BATCH);
        for (int row = 0; row < table.rows(); row += stride) {
            batch.add(cells(table.columns(), features, row));
            if (batch.size() == BATCH) {
                predictions.addAll(holder.predictor().predictRows(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            predictions.addAll(holder.predictor().predictRows(batch));
        }
        if (holder.classification()) {
            return new ColumnValues(NAME, null, predictions.stream().map(Prediction::label).toArray(String[]::new));
        }
        return new ColumnValues(NAME, predictions.stream().mapToDouble(p -> p.value() == null ? Double.NaN : p.value())
                .toArray(), null);
    }

    private static String[] cells(Map<String, ColumnValues> columns, List<String> features, int row) {
        String[] cells = new String[features.size()];
        for (int f = 0; f < cells.length; f++) {
            ColumnValues column = columns.get(features.get(f));
            if (column.numeric()) {
                double v = column.numbers()[row];
                cells[f] = Double.isNaN(v) ? null : Double.toString(v);
            } else {
                cells[f] = column.labels()[row];
            }
        }
        return cells;
    }
}
