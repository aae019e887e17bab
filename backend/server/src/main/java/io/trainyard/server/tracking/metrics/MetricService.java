package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.LoggedMetrics;
import io.trainyard.client.model.MetricHistory;
import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import java.io.Writer;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Metric points of runs: validated batches in, full or downsampled histories out. */
@Service
public class MetricService {

    /** The most points one native request may carry. */
    public static final int MAX_BATCH = 10_000;
    public static final int MAX_HISTORY_POINTS = 10_000;

    private final RunService runs;
    private final MetricWriter writer;
    private final MetricHistoryReader reader;

    MetricService(RunService runs, MetricWriter writer, MetricHistoryReader reader) {
        this.runs = runs;
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Stores points given as objects (the MLflow API) all or nothing: every point is checked before the first is
     * written.
     *
     * @param limit the most points the calling API allows in one request
     */
    @Transactional
    public LoggedMetrics log(String runId, List<MetricPoint> points, int limit) {
        if (points == null) {
            throw new ApiException.BadRequest("metrics", "is required");
        }
        if (points.size() > limit) {
            throw new ApiException.BadRequest("metrics", points.size() + " points in one request; the limit is "
                    + limit);
        }
        return log(runId, MetricBatch.of(points, System.currentTimeMillis()));
    }

    /** Stores a batch read and checked by {@link MetricBatchReader}, all or nothing. */
    @Transactional
    LoggedMetrics log(String runId, MetricBatch batch) {
        RunRow run = runs.requireWritable(runId);
        int stored = writer.append(run.id(), batch);
        return new LoggedMetrics(batch.size(), stored, batch.size() - stored);
    }

    /**
     * The history in step order; with {@code maxPoints} and more points stored than that, downsampled to at
     * most {@code maxPoints} points by per-bucket min/max over finite values.
     */
    @Transactional(readOnly = true)
    public MetricHistory history(String runId, String key, Integer maxPoints) {
        RunRow run = runs.require(runId, ProjectRole.VIEWER);
        if (maxPoints != null && (maxPoints < 2 || maxPoints > MAX_HISTORY_POINTS)) {
            throw new ApiException.BadRequest("maxPoints", "must be between 2 and " + MAX_HISTORY_POINTS);
        }
        MetricHistoryReader.Series series = requireSeries(run, runId, key);
        boolean downsample = maxPoints != null && series.pointCount() > maxPoints;
        List<MetricHistory.Point> points = downsample ? reader.minMax(series, maxPoints / 2) : reader.all(series);
        return new MetricHistory(RunIds.format(run.id()), key, points, downsample, series.pointCount());
    }

    /** Every stored point, for export; the run's access is checked before the first byte is written. */
    @Transactional(readOnly = true)
    public void writeCsv(String runId, String key, Writer out) {
        RunRow run = runs.require(runId, ProjectRole.VIEWER);
        MetricHistoryReader.Series series = requireSeries(run, runId, key);
        reader.writeCsv(series, out);
    }

    /** Checks that a metric exists before a response is committed to streaming it. */
    @Transactional(readOnly = true)
    public void requireSeries(String runId, String key) {
        requireSeries(runs.require(runId, ProjectRole.VIEWER), runId, key);
    }

    private MetricHistoryReader.Series requireSeries(RunRow run, String runId, String key) {
        return reader.series(run.id(), key)
                .orElseThrow(() -> new ApiException.NotFound("metric '" + key + "' of run '" + runId + "'"));
    }
}
