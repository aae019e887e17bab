package io.trainyard.executor.training;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.RunStatus;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.StratifiedSplitter;
import io.trainyard.training.data.TabularData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory server for one run on penguins; the split comes from the library's StratifiedSplitter. */
final class FakeTrainingApi implements TrainingApi {

    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    final List<RunStatus> statuses = new CopyOnWriteArrayList<>();
    final Map<String, String> tags = new ConcurrentHashMap<>();
    final List<List<MetricPoint>> batches = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    /** Metric posts that fail with 503 before they succeed. */
    final AtomicInteger metricFailuresLeft = new AtomicInteger();
    final AtomicInteger metricFailures = new AtomicInteger();
    private final byte[] csv;

    FakeTrainingApi() {
        try {
            csv = Files.readAllBytes(PENGUINS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void updateRun(String runId, RunStatus status, Map<String, String> tags) {
        if (status != null) {
            statuses.add(status);
        }
        this.tags.putAll(tags);
    }

    @Override
    public DatasetVersion datasetVersion(String project, String dataset, int version) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (String name : List.of("Species", "Island", "Sex")) {
            columns.add(profile(name, ColumnType.CATEGORICAL));
        }
        for (String name : List.of("Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)")) {
            columns.add(profile(name, ColumnType.NUMERIC));
        }
        return new DatasetVersion(project, dataset, version, null, "sha", csv.length, 344, ",", columns, null,
                "penguins.csv", null, "admin", null);
    }

    private static ColumnProfile profile(String name, ColumnType type) {
        return new ColumnProfile(name, type, 344, 0, 3, true, null, null, null, 0);
    }

    @Override
    public byte[] datasetContent(String project, String dataset, int version) {
        return csv.clone();
    }

    @Override
    public DatasetSplitView datasetSplit(String project, String dataset, int version, double validation, double test,
                                         String stratifyColumn, long seed) {
        TabularData data = DatasetTable.read(datasetVersion(project, dataset, version), csv);
        // the splitter only needs the target column's cells
        SplitAssignment split = StratifiedSplitter.split(data, stratifyColumn, validation, test, true, seed);
        return new DatasetSplitView("f".repeat(64), split.train().length, split.validation().length,
                split.test().length, DatasetTable.encode(split, data.size()));
    }

    @Override
    public void logMetrics(String runId, List<MetricPoint> points) {
        if (metricFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            metricFailures.incrementAndGet();
            throw new TrainyardApiException(503, "unavailable", "");
        }
        batches.add(List.copyOf(points));
    }

    @Override
    public void putArtifact(String runId, String path, byte[] content, String mediaType) {
        artifacts.put(path, content.clone());
    }

    @Override
    public Optional<byte[]> artifact(String runId, String path) {
        return Optional.ofNullable(artifacts.get(path));
    }

    List<MetricPoint> points() {
        return batches.stream().flatMap(List::stream).toList();
    }

    List<MetricPoint> points(String key) {
        return points().stream().filter(p -> p.key().equals(key)).toList();
    }

}
