package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.MonitorWindow;
import io.trainyard.server.datasets.ColumnTable;
import io.trainyard.server.datasets.DatasetColumns;
import io.trainyard.server.monitoring.MonitoringProperties;
import io.trainyard.server.serving.PastPrediction;
import io.trainyard.server.serving.PredictionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The current data: the prediction log over the monitor's window (the last period before the window's end, or
 * the last N predictions before it), or a dataset version (every row), e.g. a batch scored elsewhere.
 */
@Component
class CurrentLoader {

    private final PredictionHistory history;
    private final DatasetColumns columns;
    private final MonitoringProperties properties;

    CurrentLoader(PredictionHistory history, DatasetColumns columns, MonitoringProperties properties) {
        this.history = history;
        this.columns = columns;
        this.properties = properties;
    }

    /**
     * @param override a dataset version to use instead of the monitor's window (evaluate on request), or null
     */
    DataSide load(String projectKey, long modelId, int holderVersion, MonitorWindow window,
                  DatasetSelector override, HolderModel holder, Instant end) {
        DatasetSelector dataset = override != null ? override
                : window.dataset() != null ? new DatasetSelector(window.dataset(), window.version()) : null;
        if (dataset != null) {
            ColumnTable table = columns.read(projectKey, dataset.dataset(), dataset.version(), holder.features(),
                    null, DatasetColumns.TRAIN, properties.maxCurrentRows());
            return new DataSide(dataset.dataset() + " v" + dataset.version(), table.rows(), table.columns(),
                    table.absent(), null, null, null);
        }
        List<PastPrediction> predictions;
        Instant start;
        if (window.duration() != null) {
            start = end.minus(Duration.parse(window.duration()));
            predictions = history.between(modelId, start, end, properties.maxCurrentRows());
        } else {
            predictions = history.between(modelId, Instant.EPOCH, end,
                    Math.min(window.last(), properties.maxCurrentRows()));
            start = predictions.isEmpty() ? null : predictions.get(0).predictedAt();
        }
        PredictionColumns parsed = PredictionColumns.parse(predictions, holder.features(), holderVersion,
                holder.classification());
        String label = window.duration() != null ? "predictions of the last " + window.duration()
                : "last " + window.last() + " predictions";
        return new DataSide(label, predictions.size(), parsed.columns(), List.of(), start, end, parsed.outputs());
    }
}
