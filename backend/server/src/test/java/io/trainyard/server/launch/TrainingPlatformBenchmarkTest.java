package io.trainyard.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.engine.Engine;
import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.executor.TorchThreads;
import io.trainyard.executor.training.DatasetTable;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.training.CheckpointStore;
import io.trainyard.training.DjlRuntime;
import io.trainyard.training.TabularTrainer;
import io.trainyard.training.TrainingListener;
import io.trainyard.training.TrainingResult;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.CsvTable;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The training figure of docs/performance.md: the same config and data (100,000 generated rows, 50 epochs)
 * trained through the platform (submitted over REST, queued, claimed by the embedded executor over HTTP, data
 * fetched and parsed, metrics and checkpoints sent back, bundle and reports uploaded, run marked succeeded)
 * against the training library called directly the way a user would: the same CSV read from a file with the
 * library's {@link CsvTable}, the same split (read from a file), trained, evaluated on the test split and the
 * bundle written to a file. Both paths are warmed up first (a 10-epoch run of each), then run in alternating
 * order, {@code trainyard.perf.pairs} pairs, each pair on a freshly uploaded dataset of its own (no cache can
 * answer for a measured run). Opt-in: {@code scripts/bench-training.sh}.
 */
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
class TrainingPlatformBenchmarkTest extends IntegrationTest {

    private static final int ROWS = Integer.getInteger("trainyard.perf.rows", 100_000);
    private static final int EPOCHS = Integer.getInteger("trainyard.perf.epochs", 50);
    private static final int PAIRS = Integer.getInteger("trainyard.perf.pairs", 5);
    private static final int WARM_UP_EPOCHS = 10;
    private static final String CONFIG = """
            {"task":"classification","target":"label","features":["x1","x2","x3","x4","x5","x6","x7","x8","segment"],
             "epochs":%d,"batchSize":256,"earlyStopping":{"patience":0}}""";
    private static final Map<String, ColumnType> TYPES = IntStream.rangeClosed(1, 8).boxed()
            .collect(Collectors.toMap(i -> "x" + i, i -> ColumnType.NUMERIC));

    @Autowired
    EmbeddedExecutors embedded;

    @TempDir
    Path tmp;

    private Api reader;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    /** A dataset uploaded to the server, and the user's copy of it: the CSV file and the split file. */
    private record Dataset(String name, Path csv, Path split) {
    }

    private record Measured(double seconds, double rowsPerSecond, double testAccuracy, String detail) {
    }

    @Test
    void platformOverDirect() throws Exception {
        // a running executor has its engine loaded, with its thread setting; so does a user's JVM
        TorchThreads.configure(0, 1);
        DjlRuntime.configure();
        Engine.getInstance();

        // enough batches that the per-batch code of both paths is compiled before anything is measured
        Dataset warmUp = upload(ROWS, 1);
        platform(warmUp, WARM_UP_EPOCHS);
        direct(warmUp, WARM_UP_EPOCHS);

        List<Double> platform = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (int pair = 1; pair <= PAIRS; pair++) {
            Dataset dataset = upload(ROWS, 100 + pair);
            boolean platformFirst = pair % 2 == 1;
            Measured p = platformFirst ? platform(dataset, EPOCHS) : null;
            Measured d = direct(dataset, EPOCHS);
            if (!platformFirst) {
                p = platform(dataset, EPOCHS);
            }
            assertThat(p.testAccuracy()).as("same data, split and config: same model").isEqualTo(d.testAccuracy(),
                    org.assertj.core.data.Offset.offset(1e-6));
            platform.add(p.seconds());
            direct.add(d.seconds());
            ratios.add(String.format(Locale.ROOT, "%.3f", p.seconds() / d.seconds()));
            System.out.printf(Locale.ROOT, "BENCH training pair %d (%s first): platform %.1f s, direct %.1f s, "
                            + "ratio %.3f; epoch throughput executor %.0f rows/s, direct %.0f rows/s; test_accuracy "
                            + "%.4f both; platform %s%n", pair, platformFirst ? "platform" : "direct", p.seconds(),
                    d.seconds(), p.seconds() / d.seconds(), p.rowsPerSecond(), d.rowsPerSecond(), p.testAccuracy(),
                    p.detail());
        }
        double medianPlatform = median(platform);
        double medianDirect = median(direct);
        System.out.printf(Locale.ROOT, "BENCH training %d rows x %d epochs, %d pairs: median platform %.1f s "
                        + "(submit -> succeeded), median direct %.1f s (CSV file -> bundle file), ratio of medians "
                        + "%.3f; pair ratios %s; PyTorch threads per training thread %d%n", ROWS, EPOCHS, PAIRS,
                medianPlatform, medianDirect, medianPlatform / medianDirect, ratios, intraOpThreads());
    }

    private Dataset upload(int rows, long seed) throws Exception {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] csv = generate(rows, seed);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + name + "\"}");
        Api.Response uploaded = admin().postBody("/api/v1/projects/default/datasets/" + name + "/versions",
                "text/csv", csv);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String split = admin().get("/api/v1/projects/default/datasets/" + name
                + "/versions/1/split?validation=0.15&test=0.15&stratify=label&seed=42").json().path("assignment")
                .asString();
        Path dir = Files.createDirectories(tmp.resolve(name));
        return new Dataset(name, Files.write(dir.resolve("data.csv"), csv),
                Files.writeString(dir.resolve("split.b64"), split));
    }

    /**
     * Submit over REST, wait for {@code succeeded}; an executor runs only while this is measured. The status is
     * polled with a read token, as a script would: Basic with the admin password costs a BCrypt check (tens of
     * milliseconds of CPU, by design) on each of the ~10 polls a second, on the 2 cores the run trains on.
     */
    private Measured platform(Dataset dataset, int epochs) {
        if (reader == null) {
            Api.Response token = admin().post("/api/v1/tokens",
                    "{\"name\":\"bench-reader\",\"scopes\":[\"read\"],\"expiresInDays\":1}");
            assertThat(token.status()).as(token.toString()).isIn(200, 201);
            reader = api().bearer(token.json().path("token").asString());
        }
        embedded.startWorkers(1);
        long submitted = System.nanoTime();
        String runId;
        try {
            Api.Response run = admin().post("/api/v1/projects/default/training-runs", """
                    {"experiment":"bench","dataset":{"name":"%s","version":1},"config":%s,"priority":1000}"""
                    .formatted(dataset.name(), CONFIG.formatted(epochs)));
            assertThat(run.status()).as(run.toString()).isEqualTo(201);
            runId = run.json().path("id").asString();
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    reader.get("/api/v1/runs/" + runId).json().path("status").asString()
                            .matches("succeeded|failed|cancelled"));
        } finally {
            embedded.stopWorkers();
        }
        double seconds = (System.nanoTime() - submitted) / 1e9;
        JsonNode run = admin().get("/api/v1/runs/" + runId).json();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
        TrainingConfig normalized = TrainingConfigJson.parse(run.path("tags").path("trainyard.config").asString());
        assertThat(TrainingConfigJson.toJson(normalized.withDefaults()))
                .isEqualTo(TrainingConfigJson.toJson(TrainingConfigJson.parse(CONFIG.formatted(epochs)).withDefaults()));
        String logText = admin().get("/api/v1/runs/" + runId + "/artifacts/logs/training.log").body();
        String timings = logText.lines().filter(l -> l.contains("timings:")).findFirst().orElse("timings: none");
        String threads = logText.lines().filter(l -> l.contains("PyTorch threads")).findFirst().orElse("");
        threads = threads.substring(threads.indexOf("PyTorch threads") + "PyTorch threads".length()).strip();
        return new Measured(seconds, Double.parseDouble(run.path("tags").path("trainyard.rows_per_s").asString()),
                run.path("latestMetrics").path("test_accuracy").asDouble(),
                "executor " + run.path("tags").path("trainyard.duration_s").asString() + " s, PyTorch threads "
                        + threads + "; " + timings.substring(timings.indexOf("timings:")));
    }

    /** What a user of the library does with the same files: read, train, evaluate, write the bundle. */
    private Measured direct(Dataset dataset, int epochs) throws Exception {
        Path workDir = Files.createDirectories(dataset.csv().resolveSibling("direct-" + epochs));
        long started = System.nanoTime();
        TabularData data = CsvTable.read(dataset.csv(), ',', TYPES);
        SplitAssignment split = DatasetTable.split(new DatasetSplitView(null, null, null, null,
                Files.readString(dataset.split())), data.size());
        TrainingResult result = TabularTrainer.train(TrainingConfigJson.parse(CONFIG.formatted(epochs)), data, split,
                TrainingListener.NONE, CheckpointStore.NONE, workDir);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(result.bundlePath()).exists();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return new Measured(seconds, result.throughputRowsPerSecond(), result.finalMetrics().get("test_accuracy"),
                "");
    }

    private static int intraOpThreads() {
        DjlRuntime.prepareThisThread();
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Eight numeric features, one categorical, a three-class label that depends on them with noise. */
    private static byte[] generate(int rows, long seed) {
        Random random = new Random(seed);
        String[] segments = {"north", "south", "east", "west"};
        StringBuilder csv = new StringBuilder(rows * 80).append("x1,x2,x3,x4,x5,x6,x7,x8,segment,label\n");
        for (int i = 0; i < rows; i++) {
            double[] x = new double[8];
            for (int j = 0; j < 8; j++) {
                x[j] = random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "%.4f,", x[j]));
            }
            int segment = random.nextInt(4);
            double score = x[0] + 0.5 * x[1] - x[2] * x[3] + 0.3 * segment + random.nextGaussian() * 0.5;
            String label = score < -0.5 ? "low" : score < 0.7 ? "mid" : "high";
            csv.append(segments[segment]).append(',').append(label).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
