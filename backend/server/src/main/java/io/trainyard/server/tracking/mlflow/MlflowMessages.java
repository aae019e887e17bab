package io.trainyard.server.tracking.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Request and response bodies of MLflow's REST API 2.0, field for field (snake_case). Numbers arrive as JSON
 * numbers or, from protobuf-based clients such as the Java one, as strings; Jackson accepts both.
 */
final class MlflowMessages {

    private MlflowMessages() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyValue(String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Metric(String key, Double value, Long timestamp, Long step) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Experiment(String experimentId, String name, String artifactLocation, String lifecycleStage,
                      Long lastUpdateTime, Long creationTime, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInfo(String runId, String runUuid, String runName, String experimentId, String userId, String status,
                   Long startTime, Long endTime, String artifactUri, String lifecycleStage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunData(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DatasetInput(List<KeyValue> tags, Dataset dataset) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInputs(List<DatasetInput> datasetInputs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(RunInfo info, RunData data, RunInputs inputs) {
    }

    // requests

    /** MLflow requests name a run by {@code run_id} or, from older clients, {@code run_uuid}. */
    interface RunReference {
        String runId();

        String runUuid();

        default String id() {
            return runId() != null ? runId() : runUuid();
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateExperiment(String name, String artifactLocation, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExperimentRef(String experimentId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateExperiment(String experimentId, String newName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetExperimentTag(String experimentId, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchExperiments(Integer maxResults, String pageToken, String filter, List<String> orderBy,
                             String viewType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateRun(String experimentId, String userId, String runName, Long startTime, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunRef(String runId, String runUuid) implements RunReference {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRun(String runId, String runUuid, String status, Long endTime, String runName) implements RunReference {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogMetric(String runId, String runUuid, String key, Double value, Long timestamp, Long step) implements RunReference {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogParam(String runId, String runUuid, String key, String value) implements RunReference {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTag(String runId, String runUuid, String key, String value) implements RunReference {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteTag(String runId, String key) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogBatch(String runId, List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogInputs(String runId, List<DatasetInput> datasets) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchRuns(List<String> experimentIds, String filter, String runViewType, Integer maxResults,
                      List<String> orderBy, String pageToken) {
    }
}
