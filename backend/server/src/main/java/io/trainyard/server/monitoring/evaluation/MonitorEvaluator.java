package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.ModelPerformance;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.RunInput;
import io.trainyard.drift.CategoricalSamples;
import io.trainyard.drift.DriftEngine;
import io.trainyard.drift.DriftSettings;
import io.trainyard.drift.FeatureDrift;
import io.trainyard.drift.NumericSamples;
import io.trainyard.server.datasets.ColumnValues;
import io.trainyard.server.monitoring.drift.DriftReportBuilder;
import io.trainyard.server.monitoring.drift.DriftSettingsFactory;
import io.trainyard.server.monitoring.drift.FeatureFrame;
import io.trainyard.server.monitoring.monitors.MonitorRow;
import io.trainyard.server.registry.ModelRegistry;
import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.serving.PredictionHistory;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.monitoring.MonitoringProperties;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Computes one monitor report, writing nothing: resolves who holds the alias now, loads the reference and the
 * current data, runs the drift engine on the features and on the model's output, and judges performance from
 * the labelled predictions of the window. Fewer current rows than the monitor's minimum is "not enough data",
 * never drift. Anything that stops the evaluation (the alias no longer held, a dataset gone) becomes a failed
 * report that says why.
 */
@Component
class MonitorEvaluator {

    private static final Logger log = LoggerFactory.getLogger(MonitorEvaluator.class);

    private final ModelRegistry registry;
    private final BlobStore blobs;
    private final ReferenceLoader references;
    private final CurrentLoader currents;
    private final PredictionHistory history;
    private final MonitoringProperties properties;

    MonitorEvaluator(ModelRegistry registry, BlobStore blobs, ReferenceLoader references, CurrentLoader currents,
                     PredictionHistory history, MonitoringProperties properties) {
        this.registry = registry;
        this.blobs = blobs;
        this.references = references;
        this.currents = currents;
        this.history = history;
        this.properties = properties;
    }

    /** The caller closes the evaluation's holder when done with it. */
    Evaluation evaluate(MonitorRow monitor, DatasetSelector currentOverride, Instant end) {
        HolderModel holder = null;
        try {
            ServableVersion version = registry.resolve(monitor.projectKey(), monitor.model(), monitor.alias(), null,
                    ProjectRole.VIEWER);
            holder = HolderModel.load(blobs, version);
            RunInput trainedOn = monitor.reference() == null || monitor.retrains()
                    ? references.trainingInput(holder) : null;
            DriftSettings settings = DriftSettingsFactory.settings(monitor.thresholds(), "thresholds");
            DataSide reference = references.load(monitor, holder, trainedOn);
            DataSide current = currents.load(monitor.projectKey(), version.modelId(), version.version(),
                    monitor.window(), currentOverride, holder, end);
            FeatureFrame frame = FeatureFrame.pair(holder.features(), reference.columns(), current.columns());
            DriftEngine engine = new DriftEngine(settings);
            io.trainyard.drift.DriftReport drift = engine.report(frame.samples());
            FeatureDrift output = outputDrift(engine, reference.outputs(), current.outputs());
            ModelPerformance performance = current.start() == null && current.end() == null ? null
                    : PerformanceJudge.judge(history.labelled(version.modelId(),
                            current.start() == null ? Instant.EPOCH : current.start(), end,
                            properties.maxCurrentRows()), holder.classification(), monitor.thresholds());
            boolean enough = current.rows() >= DriftSettingsFactory.minRows(monitor.thresholds())
                    && reference.rows() > 0;
            DriftReport report = DriftReportBuilder.of(drift, enough)
                    .monitor(monitor.id(), version.version())
                    .reference(reference.label()).current(current.label())
                    .window(current.start(), end)
                    .output(output).schemaProblems(frame.problems()).performance(performance)
                    .createdAt(Instant.now()).build();
            return new Evaluation(report, holder, trainedOn);
        } catch (RuntimeException e) {
            log.warn("monitor {} ({}): evaluation failed", monitor.id(), monitor.name(), e);
            if (holder != null) {
                holder.close();
            }
            return new Evaluation(failed(monitor, end, e), null, null);
        }
    }

    private static FeatureDrift outputDrift(DriftEngine engine, ColumnValues reference, ColumnValues current) {
        if (reference == null || current == null || current.size() == 0) {
            return null;
        }
        return reference.numeric()
                ? engine.feature(new NumericSamples("prediction", reference.numbers(), current.numbers()))
                : engine.feature(new CategoricalSamples("prediction", reference.labels(), current.labels()));
    }

    static DriftReport failed(MonitorRow monitor, Instant end, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DriftReport(null, monitor.id(), "failed", null, null, null, null, end, false, 0, 0, 0,
                0, List.of(), null, List.of(), null, null, Instant.now(), why);
    }
}
