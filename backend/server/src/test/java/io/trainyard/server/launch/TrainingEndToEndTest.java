package io.trainyard.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The loop's first half for real: a dataset version, a training run submitted over REST, the server's embedded
 * executor claiming it over HTTP and training with DJL, metrics and the model bundle back in tracking, and the
 * run's status following its job.
 */
class TrainingEndToEndTest extends IntegrationTest {

    @Autowired
    EmbeddedExecutors embedded;

    @BeforeEach
    void startExecutor() {
        embedded.startWorkers(1);
    }

    @AfterEach
    void stopExecutor() {
        embedded.stopWorkers();
    }

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void penguinsTrainOnTheEmbeddedExecutorAndReportBackToTracking() throws Exception {
        String dataset = "penguins-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        assertThat(admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions", new Multipart()
                .file("file", "penguins.csv", Files.readAllBytes(Path.of("../../../shared/data/penguins.csv"))))
                .status()).isEqualTo(201);

        Api.Response submitted = admin().post("/api/v1/projects/default/training-runs", """
                {"experiment":"e2e","name":"penguins-mlp","dataset":{"name":"%s","version":1},"priority":100,
                 "config":{"task":"classification","target":"Species",
                           "features":["Island","Beak Length (mm)","Beak Depth (mm)","Flipper Length (mm)",
                                       "Body Mass (g)","Sex"],
                           "epochs":30,"checkpointEveryEpochs":10}}""".formatted(dataset));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String runId = submitted.json().path("id").asString();
        long jobId = submitted.json().path("jobId").asLong();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                admin().get("/api/v1/runs/" + runId).json().path("status").asString().matches("succeeded|failed"));
        JsonNode run = admin().get("/api/v1/runs/" + runId).json();
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("latestMetrics").path("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(run.path("tags").path("trainyard.device").asString()).isNotEmpty();
        assertThat(run.path("tags").path("trainyard.split.fingerprint").asString()).hasSize(64);
        assertThat(run.path("endedAt").isNull()).isFalse();
        assertThat(admin().get("/api/v1/jobs/" + jobId).json().path("state").asString()).isEqualTo("succeeded");

        JsonNode valLoss = admin().get("/api/v1/runs/" + runId + "/metrics/val_loss").json();
        assertThat(valLoss.path("points").size()).isBetween(2, 30);

        List<String> artifacts = new ArrayList<>();
        admin().get("/api/v1/runs/" + runId + "/artifacts").json().forEach(a -> artifacts.add(a.path("path").asString()));
        assertThat(artifacts).contains("model/bundle.zip", "evaluation/confusion_matrix.json", "logs/training.log");
        assertThat(admin().get("/api/v1/runs/" + runId + "/artifacts/logs/training.log").body()).contains("epoch");

        assertThat(admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/1/usages").body())
                .contains(runId);
    }
}
