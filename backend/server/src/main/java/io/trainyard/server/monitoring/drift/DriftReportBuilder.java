package io.trainyard.server.monitoring.drift;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.FeatureDrift;
import io.trainyard.client.model.ModelPerformance;
import io.trainyard.client.model.SchemaProblem;
import java.time.Instant;
import java.util.List;

/**
 * Assembles the API's report from the engine's result and what the caller knows (the window, the model version,
 * output drift, performance). The verdict: not_enough_data when told so; else drifting when the dataset drifted,
 * the model's output drifted, or a performance threshold was missed; else ok.
 */
public final class DriftReportBuilder {

    private final io.trainyard.drift.DriftReport result;
    private final boolean enoughData;
    private Long monitorId;
    private Integer modelVersion;
    private String reference;
    private String current;
    private Instant windowStart;
    private Instant windowEnd;
    private FeatureDrift output;
    private List<SchemaProblem> schemaProblems = List.of();
    private ModelPerformance performance;
    private Instant createdAt;

    private DriftReportBuilder(io.trainyard.drift.DriftReport result, boolean enoughData) {
        this.result = result;
        this.enoughData = enoughData;
    }

    public static DriftReportBuilder of(io.trainyard.drift.DriftReport result, boolean enoughData) {
        return new DriftReportBuilder(result, enoughData);
    }

    public DriftReportBuilder monitor(long monitorId, Integer modelVersion) {
        this.monitorId = monitorId;
        this.modelVersion = modelVersion;
        return this;
    }

    public DriftReportBuilder reference(String reference) {
        this.reference = reference;
        return this;
    }

    public DriftReportBuilder current(String current) {
        this.current = current;
        return this;
    }

    public DriftReportBuilder window(Instant start, Instant end) {
        this.windowStart = start;
        this.windowEnd = end;
        return this;
    }

    public DriftReportBuilder output(io.trainyard.drift.FeatureDrift output) {
        this.output = DriftViews.view(output);
        return this;
    }

    public DriftReportBuilder schemaProblems(List<SchemaProblem> problems) {
        this.schemaProblems = List.copyOf(problems);
        return this;
    }

    public DriftReportBuilder performance(ModelPerformance performance) {
        this.performance = performance;
        return this;
    }

    public DriftReportBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public String status() {
        if (!enoughData) {
            return "not_enough_data";
        }
        boolean outputDrifted = output != null && output.drifted();
        boolean performanceMissed = performance != null && !performance.breaches().isEmpty();
        return result.datasetDrift() || outputDrifted || performanceMissed ? "drifting" : "ok";
    }

    /** The report without its id and retraining run, which exist only once it is stored. */
    public DriftReport build() {
        List<FeatureDrift> features = result.features().stream().map(DriftViews::view).toList();
        return new DriftReport(null, monitorId, status(), modelVersion, reference, current, windowStart, windowEnd,
                enoughData && result.datasetDrift(), result.testedFeatures(), result.driftedFeatures(),
                result.driftedShare(), result.driftShare(), features, output, schemaProblems, performance,
                null, createdAt, null);
    }
}
