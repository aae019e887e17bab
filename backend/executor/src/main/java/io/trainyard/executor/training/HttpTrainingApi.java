package io.trainyard.executor.training;

import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.LogMetricsRequest;
import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.RunStatus;
import io.trainyard.client.model.UpdateRunRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TrainingApi} over the REST API, as the executor's credential. */
public final class HttpTrainingApi implements TrainingApi {

    private final TrainyardClient client;

    public HttpTrainingApi(TrainyardClient client) {
        this.client = client;
    }

    @Override
    public void updateRun(String runId, RunStatus status, Map<String, String> tags) {
        client.updateRun(runId, new UpdateRunRequest(status, null, tags == null || tags.isEmpty() ? null : tags));
    }

    @Override
    public DatasetVersion datasetVersion(String project, String dataset, int version) {
        return client.datasetVersion(project, dataset, version);
    }

    @Override
    public byte[] datasetContent(String project, String dataset, int version) {
        return client.datasetContent(project, dataset, version);
    }

    @Override
    public DatasetSplitView datasetSplit(String project, String dataset, int version, double validation, double test,
                                         String stratifyColumn, long seed) {
        return client.datasetSplit(project, dataset, version, validation, test, stratifyColumn, seed);
    }

    @Override
    public void logMetrics(String runId, List<MetricPoint> points) {
        client.logMetrics(runId, new LogMetricsRequest(points));
    }

    @Override
    public void putArtifact(String runId, String path, byte[] content, String mediaType) {
        client.putArtifact(runId, path, content, mediaType);
    }

    @Override
    public Optional<byte[]> artifact(String runId, String path) {
        return client.artifact(runId, path);
    }
}
