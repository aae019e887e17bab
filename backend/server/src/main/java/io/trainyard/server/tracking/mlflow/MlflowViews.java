package io.trainyard.server.tracking.mlflow;

import io.trainyard.client.model.Experiment;
import io.trainyard.client.model.Run;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import io.trainyard.server.tracking.runs.RunStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Our experiments and runs in MLflow's shape. */
@Component
class MlflowViews {

    private final RunService runs;

    MlflowViews(RunService runs) {
        this.runs = runs;
    }

    static MlflowMessages.Experiment experiment(Experiment experiment) {
        return new MlflowMessages.Experiment(experiment.id(), experiment.name(),
                "trainyard:/experiments/" + experiment.id(), experiment.lifecycleStage(),
                millis(experiment.updatedAt()), millis(experiment.createdAt()), keyValues(experiment.tags()));
    }

    MlflowMessages.Run run(RunRow row) {
        return runs(List.of(row)).get(0);
    }

    static MlflowMessages.RunInfo info(RunRow row) {
        String id = RunIds.format(row.id());
        return new MlflowMessages.RunInfo(id, id, row.name(), Long.toString(row.experimentId()), row.createdBy(),
                row.status().mlflowName(), millis(row.startTime()), millis(row.endTime()), artifactUri(id),
                row.lifecycleStage());
    }

    /** Full runs, with a fixed number of queries whatever their number. */
    List<MlflowMessages.Run> runs(List<RunRow> rows) {
        List<UUID> ids = rows.stream().map(RunRow::id).toList();
        List<Run> views = runs.views(rows);
        Map<UUID, List<RunStore.LatestMetric>> metrics = runs.latestMetricPoints(ids);
        Map<UUID, List<RunStore.StoredInput>> inputs = runs.storedInputs(ids);
        return java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> {
            RunRow row = rows.get(i);
            Run view = views.get(i);
            List<MlflowMessages.Metric> latest = metrics.getOrDefault(row.id(), List.of()).stream()
                    .map(m -> new MlflowMessages.Metric(m.key(), m.value(), m.timestamp(), m.step())).toList();
            List<MlflowMessages.DatasetInput> datasetInputs = inputs.getOrDefault(row.id(), List.of()).stream()
                    .map(stored -> new MlflowMessages.DatasetInput(
                            stored.input().context() == null ? List.of()
                                    : List.of(new MlflowMessages.KeyValue("mlflow.data.context", stored.input().context())),
                            new MlflowMessages.Dataset(stored.input().name(), stored.input().digest(),
                                    stored.input().sourceType(), stored.input().source(), stored.input().schema(),
                                    stored.input().profile())))
                    .toList();
            Map<String, String> tags = new java.util.LinkedHashMap<>(view.tags());
            tags.putIfAbsent("mlflow.runName", row.name());
            return new MlflowMessages.Run(info(row),
                    new MlflowMessages.RunData(latest, keyValues(view.params()), keyValues(tags)),
                    new MlflowMessages.RunInputs(datasetInputs));
        }).toList();
    }

    static List<MlflowMessages.KeyValue> keyValues(Map<String, String> map) {
        return map.entrySet().stream().map(e -> new MlflowMessages.KeyValue(e.getKey(), e.getValue())).toList();
    }

    static String artifactUri(String runId) {
        return "trainyard:/runs/" + runId + "/artifacts";
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
