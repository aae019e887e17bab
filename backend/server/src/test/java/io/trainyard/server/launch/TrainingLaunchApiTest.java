package io.trainyard.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Submitting training runs: validation before anything is queued, run + job together, idempotency, cancel. */
class TrainingLaunchApiTest extends IntegrationTest {

    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    @Autowired
    JdbcTemplate jdbc;

    private String dataset;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @BeforeEach
    void penguins() throws Exception {
        dataset = "penguins-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response version = admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "penguins.csv", Files.readAllBytes(PENGUINS)));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);
    }

    private String request(String config) {
        return """
                {"experiment":"launch-test","name":"mlp","dataset":{"name":"%s","version":1},
                 "config":%s,"resources":{"gpus":0},"priority":5}""".formatted(dataset, config);
    }

    private static String config(String target, String features, String extra) {
        return "{\"task\":\"classification\",\"target\":\"" + target + "\",\"features\":" + features
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private long jobs() {
        return jdbc.queryForObject("select count(*) from jobs", Long.class);
    }

    @Test
    void aValidRunIsQueuedWithItsJobAndAKeyMakesItIdempotent() {
        long before = jobs();
        String body = request(config("Species", "[\"Island\",\"Beak Length (mm)\",\"Flipper Length (mm)\"]",
                "\"epochs\":5"));
        Api.Response created = admin().send("POST", "/api/v1/projects/default/training-runs", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode run = created.json();
        assertThat(run.path("status").asString()).isEqualTo("queued");
        assertThat(run.path("jobId").asLong()).isPositive();
        assertThat(run.path("params").path("optimizer.learningRate").asString()).isNotEmpty();
        assertThat(run.path("params").path("epochs").asString()).isEqualTo("5");
        assertThat(run.path("inputs").get(0).path("dataset").asString()).isEqualTo(dataset);
        assertThat(jobs()).isEqualTo(before + 1);
        JsonNode job = admin().get("/api/v1/jobs/" + run.path("jobId").asLong()).json();
        assertThat(job.path("kind").asString()).isEqualTo("training");
        assertThat(job.path("priority").asInt()).isEqualTo(5);

        String key = UUID.randomUUID().toString();
        Api.Response first = admin().postWithHeader("/api/v1/projects/default/training-runs", body, "Idempotency-Key", key);
        Api.Response again = admin().postWithHeader("/api/v1/projects/default/training-runs", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(jobs()).isEqualTo(before + 2);
        // leave no queued job behind for tests that run an embedded executor
        assertThat(admin().post("/api/v1/runs/" + first.json().path("id").asString() + "/cancel", "").status())
                .isEqualTo(200);

        Api.Response cancelled = admin().post("/api/v1/runs/" + run.path("id").asString() + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void badConfigsAreRefusedNamingTheFieldAndNothingIsQueued() {
        long before = jobs();
        String features = "[\"Island\",\"Beak Length (mm)\"]";
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {config("Nope", features, ""), "config.target"});
        cases.add(new String[] {config("Species", "[]", ""), "config.features"});
        cases.add(new String[] {config("Species", "[\"Island\",\"Species\"]", ""), "config.features[1]"});
        cases.add(new String[] {config("Species", features, "\"model\":{\"type\":\"transformer\"}"), "config.model.type"});
        cases.add(new String[] {config("Species", features, "\"optimizer\":{\"type\":\"lion\"}"), "config.optimizer.type"});
        cases.add(new String[] {config("Species", features, "\"schedule\":{\"type\":\"wavy\"}"), "config.schedule.type"});
        cases.add(new String[] {config("Species", features, "\"optimizer\":{\"learningRate\":0}"),
                "config.optimizer.learningRate"});
        cases.add(new String[] {config("Species", features, "\"epochs\":0"), "config.epochs"});
        cases.add(new String[] {config("Species", features, "\"batchSize\":100000"), "config.batchSize"});
        cases.add(new String[] {"{\"task\":\"regression\",\"target\":\"Island\",\"features\":[\"Beak Length (mm)\"]}",
                "config.target"});
        for (String[] bad : cases) {
            Api.Response refused = admin().post("/api/v1/projects/default/training-runs", request(bad[0]));
            assertThat(refused.status()).as(bad[0] + " → " + refused).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            refused.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).as(bad[0] + " → " + refused).anyMatch(f -> f.startsWith(bad[1]));
        }
        Api.Response noDataset = admin().post("/api/v1/projects/default/training-runs",
                "{\"config\":" + config("Species", features, "") + "}");
        assertThat(noDataset.status()).isEqualTo(400);
        assertThat(noDataset.body()).contains("dataset.name");
        Api.Response unknownVersion = admin().post("/api/v1/projects/default/training-runs",
                request(config("Species", features, "")).replace("\"version\":1", "\"version\":9"));
        assertThat(unknownVersion.status()).isEqualTo(400);
        assertThat(jobs()).isEqualTo(before);
    }

    @Test
    void aTargetWithOneClassIsRefused() throws Exception {
        String single = "one-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + single + "\"}");
        admin().upload("/api/v1/projects/default/datasets/" + single + "/versions", new Multipart()
                .file("file", "one.csv", "x,label\n1,a\n2,a\n3,a\n4,a\n5,a\n6,a\n".getBytes()));
        Api.Response refused = admin().post("/api/v1/projects/default/training-runs", """
                {"dataset":{"name":"%s","version":1},"config":{"task":"classification","target":"label",
                 "features":["x"],"batchSize":2}}""".formatted(single));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("config.target");
    }
}
