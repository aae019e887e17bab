package io.trainyard.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.executor.training.DatasetTable;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.training.CheckpointStore;
import io.trainyard.training.TabularTrainer;
import io.trainyard.training.TrainingListener;
import io.trainyard.training.TrainingResult;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training figure of docs/performance.md: the same config and data (100,000 generated rows, 50 epochs)
 * trained through the platform (submitted over REST, queued, claimed by the embedded executor over HTTP,
 * data fetched, metrics and checkpoints sent back, run marked succeeded) against the training library called
 * directly on the same rows and split. Opt-in: {@code scripts/bench-training.sh}.
 */
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
class TrainingPlatformBenchmarkTest extends IntegrationTest {

    private static final int ROWS = Integer.getInteger("trainyard.perf.rows", 100_000);
    private static final int EPOCHS = Integer.getInteger("trainyard.perf.epochs", 50);

    @Autowired
    EmbeddedExecutors embedded;

    @Autowired
    JsonMapper json;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void platformOverDirect() throws Exception {
        String dataset = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response uploaded = admin().postBody("/api/v1/projects/default/datasets/" + dataset + "/versions",
                "text/csv", generate(ROWS));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String config = """
                {"task":"classification","target":"label","features":["x1","x2","x3","x4","x5","x6","x7","x8","segment"],
                 "epochs":%d,"batchSize":256,"earlyStopping":{"patience":0}}""".formatted(EPOCHS);

        // a running executor has its engine loaded; so does this JVM before either measurement
        io.trainyard.training.DjlRuntime.configure();
        ai.djl.engine.Engine.getInstance();
        embedded.startWorkers(1);
        long submitted = System.nanoTime();
        String runId;
        try {
            Api.Response run = admin().post("/api/v1/projects/default/training-runs", """
                    {"experiment":"bench","dataset":{"name":"%s","version":1},"config":%s,"priority":1000}"""
                    .formatted(dataset, config));
            assertThat(run.status()).as(run.toString()).isEqualTo(201);
            runId = run.json().path("id").asString();
            await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    admin().get("/api/v1/runs/" + runId).json().path("status").asString()
                            .matches("succeeded|failed|cancelled"));
        } finally {
            embedded.stopWorkers();
        }
        double platformSeconds = (System.nanoTime() - submitted) / 1e9;
        JsonNode run = admin().get("/api/v1/runs/" + runId).json();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");

        // the same rows, split and normalized config, straight into the library
        DatasetVersion version = json.readValue(admin().get("/api/v1/projects/default/datasets/" + dataset
                + "/versions/1").body(), DatasetVersion.class);
        byte[] csv = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/1/content").body()
                .getBytes(StandardCharsets.UTF_8);
        TabularData data = DatasetTable.read(version, csv);
        DatasetSplitView splitView = json.readValue(admin().get("/api/v1/projects/default/datasets/" + dataset
                + "/versions/1/split?validation=0.15&test=0.15&stratify=label&seed=42").body(), DatasetSplitView.class);
        assertThat(splitView.fingerprint()).isEqualTo(run.path("tags").path("trainyard.split.fingerprint").asString());
        SplitAssignment split = DatasetTable.split(splitView, data.size());
        TrainingConfig normalized = TrainingConfigJson.parse(run.path("tags").path("trainyard.config").asString());
        long direct = System.nanoTime();
        TrainingResult result = TabularTrainer.train(normalized, data, split, TrainingListener.NONE,
                CheckpointStore.NONE, null);
        double directSeconds = (System.nanoTime() - direct) / 1e9;

        System.out.printf("BENCH training %d rows x %d epochs: platform %.1f s (submit -> succeeded), direct %.1f s, "
                        + "ratio %.3f; direct throughput %.0f rows/s; platform test_accuracy %.4f, direct %.4f%n",
                ROWS, EPOCHS, platformSeconds, directSeconds, platformSeconds / directSeconds,
                result.throughputRowsPerSecond(), run.path("latestMetrics").path("test_accuracy").asDouble(),
                result.finalMetrics().get("test_accuracy"));
        System.out.printf("BENCH training platform run: attempt %s, executor-side duration %s s, rows/s %s%n",
                run.path("tags").path("trainyard.attempt").asString(),
                run.path("tags").path("trainyard.duration_s").asString(),
                run.path("tags").path("trainyard.rows_per_s").asString());
    }

    /** Eight numeric features, one categorical, a three-class label that depends on them with noise. */
    private static byte[] generate(int rows) {
        Random random = new Random(7);
        String[] segments = {"north", "south", "east", "west"};
        StringBuilder csv = new StringBuilder(rows * 80).append("x1,x2,x3,x4,x5,x6,x7,x8,segment,label\n");
        for (int i = 0; i < rows; i++) {
            double[] x = new double[8];
            for (int j = 0; j < 8; j++) {
                x[j] = random.nextGaussian();
                csv.append(String.format(java.util.Locale.ROOT, "%.4f,", x[j]));
            }
            int segment = random.nextInt(4);
            double score = x[0] + 0.5 * x[1] - x[2] * x[3] + 0.3 * segment + random.nextGaussian() * 0.5;
            String label = score < -0.5 ? "low" : score < 0.7 ? "mid" : "high";
            csv.append(segments[segment]).append(',').append(label).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
