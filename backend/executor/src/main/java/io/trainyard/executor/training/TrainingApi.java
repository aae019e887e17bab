package io.trainyard.executor.training;

import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server calls a training job makes: its run, its dataset and the run's metrics and artifacts.
 * {@link HttpTrainingApi} is the real one (over {@link io.trainyard.client.TrainyardClient}); tests use a fake.
 * Failures are {@link io.trainyard.client.TrainyardApiException}s. Implementations must be thread-safe (metrics
 * and logs are sent from a background thread).
 */
public interface TrainingApi {

    /** {@code PATCH /runs/{id}}: a status (null: unchanged) and tags to set (may be empty). */
    void updateRun(String runId, RunStatus status, Map<String, String> tags);

    DatasetVersion datasetVersion(String project, String dataset, int version);

    /** The version's CSV bytes. */
    byte[] datasetContent(String project, String dataset, int version);

    DatasetSplitView datasetSplit(String project, String dataset, int version, double validation, double test,
                                  String stratifyColumn, long seed);

    /** One batch (at most 10,000 points), all or nothing. */
    void logMetrics(String runId, List<MetricPoint> points);

    /** Stores or replaces an artifact. */
    void putArtifact(String runId, String path, byte[] content, String mediaType);

    /** An artifact's bytes; empty when there is none (404). */
    Optional<byte[]> artifact(String runId, String path);
}
