package io.trainyard.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Experiments, runs, params, tags, metrics, inputs and artifacts through the native REST API. */
class TrackingApiTest extends IntegrationTest {

    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String newExperiment() {
        Api.Response created = admin().post("/api/v1/projects/default/experiments",
                "{\"name\":\"exp-" + UUID.randomUUID() + "\",\"description\":\"from a test\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String newRun(String experimentId, String body) {
        Api.Response run = admin().post("/api/v1/experiments/" + experimentId + "/runs", body);
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        return run.json().path("id").asString();
    }

    @Test
    void runWithParamsTagsInputsAndMetricsRoundTrips() throws Exception {
        String dataset = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response version = admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "penguins.csv", Files.readAllBytes(PENGUINS)));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);

        String experiment = newExperiment();
        String runId = newRun(experiment, """
                {"name":"first","params":{"lr":"0.01","optimizer":"adamw"},"tags":{"team":"vision"},
                 "inputs":[{"dataset":"%s","version":1}]}""".formatted(dataset));
        assertThat(runId).hasSize(32);

        Api.Response logged = admin().post("/api/v1/runs/" + runId + "/metrics", """
                {"metrics":[{"key":"loss","value":0.9,"step":1,"timestamp":1000},
                            {"key":"loss","value":0.5,"step":3,"timestamp":3000},
                            {"key":"loss","value":0.7,"step":2,"timestamp":2000},
                            {"key":"loss","value":"NaN","step":4,"timestamp":4000},
                            {"key":"acc","value":"Infinity","step":0},
                            {"key":"acc","value":0.8,"step":1}]}""");
        assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
        assertThat(logged.json().path("stored").asInt()).isEqualTo(6);

        Api.Response resent = admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"loss\",\"value\":0.5,\"step\":3,\"timestamp\":3000}]}");
        assertThat(resent.json().path("duplicates").asInt()).isEqualTo(1);

        JsonNode run = admin().get("/api/v1/runs/" + runId).json();
        assertThat(run.path("status").asString()).isEqualTo("running");
        assertThat(run.path("params").path("optimizer").asString()).isEqualTo("adamw");
        assertThat(run.path("tags").path("team").asString()).isEqualTo("vision");
        assertThat(run.path("latestMetrics").path("loss").asString()).isEqualTo("NaN");
        assertThat(run.path("latestMetrics").path("acc").asDouble()).isEqualTo(0.8);
        assertThat(run.path("inputs").get(0).path("dataset").asString()).isEqualTo(dataset);
        assertThat(run.path("inputs").get(0).path("version").asInt()).isEqualTo(1);

        JsonNode history = admin().get("/api/v1/runs/" + runId + "/metrics/loss").json();
        assertThat(history.path("points")).hasSize(4);
        assertThat(history.path("points").get(1).path("value").asDouble()).isEqualTo(0.7);
        assertThat(history.path("downsampled").asBoolean()).isFalse();

        Api.Response csv = admin().get("/api/v1/runs/" + runId + "/metrics/loss", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("step,value,timestamp\n1,0.9,1000\n2,0.7,2000\n3,0.5,3000\n4,NaN,4000");

        // the dataset version page's lineage lists the run
        Api.Response versionView = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/1/usages");
        assertThat(versionView.body()).contains("/runs/" + runId);

        Api.Response finished = admin().patch("/api/v1/runs/" + runId, "{\"status\":\"succeeded\"}");
        assertThat(finished.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(finished.json().path("endedAt").isNull()).isFalse();
    }

    @Test
    void paramsAreWriteOnceAndABadBatchWritesNothing() {
        String runId = newRun(newExperiment(), "{\"params\":{\"lr\":\"0.01\"}}");
        assertThat(admin().post("/api/v1/runs/" + runId + "/params", "{\"lr\":\"0.01\"}").status()).isEqualTo(200);
        Api.Response changed = admin().post("/api/v1/runs/" + runId + "/params", "{\"epochs\":\"5\",\"lr\":\"0.1\"}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().path("errors").get(0).path("field").asString()).isEqualTo("params.lr");
        assertThat(admin().get("/api/v1/runs/" + runId).json().path("params").has("epochs")).isFalse();

        Api.Response notANumber = admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"step\":1},{\"key\":\"a\",\"value\":\"abc\",\"step\":2}]}");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("metrics[1].value");
        Api.Response missingKey = admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"step\":1},{\"value\":2,\"step\":2}]}");
        assertThat(missingKey.status()).isEqualTo(400);
        assertThat(missingKey.body()).contains("metrics[1].key");
        Api.Response fractionalStep = admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"a\",\"value\":1,\"step\":1.5}]}");
        assertThat(fractionalStep.status()).isEqualTo(400);
        assertThat(fractionalStep.body()).contains("step");
        assertThat(admin().get("/api/v1/runs/" + runId).json().path("latestMetrics").has("a")).isFalse();

        StringBuilder tooMany = new StringBuilder("{\"metrics\":[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"key\":\"a\",\"value\":1,\"step\":").append(i).append('}');
        }
        Api.Response oversized = admin().post("/api/v1/runs/" + runId + "/metrics", tooMany.append("]}").toString());
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.json().path("detail").asString()).contains("10000");
    }

    @Test
    void unknownDeletedAndForeignRunsAreRefused() {
        assertThat(admin().get("/api/v1/runs/" + "0".repeat(32)).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/runs/not-a-run").status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/experiments/999999").status()).isEqualTo(404);

        String runId = newRun(newExperiment(), "{}");
        assertThat(admin().delete("/api/v1/runs/" + runId).status()).isEqualTo(204);
        Api.Response toDeleted = admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"a\",\"value\":1}]}");
        assertThat(toDeleted.status()).isEqualTo(409);
        assertThat(toDeleted.json().path("detail").asString()).contains("deleted");

        // a user outside the project sees "not found", never "forbidden"
        String user = "outsider-" + UUID.randomUUID().toString().substring(0, 6);
        admin().post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"a-long-password-1\","
                + "\"displayName\":\"Outsider\",\"admin\":false}");
        Api outsider = api().basic(user, "a-long-password-1");
        assertThat(outsider.get("/api/v1/runs/" + runId).status()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/runs/" + runId + "/metrics", "{\"metrics\":[]}").status()).isEqualTo(404);
    }

    @Test
    void downsampledHistoryKeepsASpikeAmongManyPoints() {
        String runId = newRun(newExperiment(), "{}");
        int total = 50_000;
        for (int start = 0; start < total; start += 10_000) {
            StringBuilder batch = new StringBuilder("{\"metrics\":[");
            for (int step = start; step < start + 10_000; step++) {
                double value = step == 31_337 ? 1000.0 : Math.sin(step / 500.0);
                batch.append(step == start ? "" : ",").append("{\"key\":\"loss\",\"value\":").append(value)
                        .append(",\"step\":").append(step).append(",\"timestamp\":").append(step).append('}');
            }
            Api.Response logged = admin().post("/api/v1/runs/" + runId + "/metrics", batch.append("]}").toString());
            assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
        }
        // 250 buckets of 200 steps come from the 64-step rollups, 1,000 buckets of 50 steps from the points
        for (int maxPoints : new int[] {500, 2000}) {
            assertSpikeKept(admin().get("/api/v1/runs/" + runId + "/metrics/loss?maxPoints=" + maxPoints).json(),
                    maxPoints, total);
        }
        assertThat(admin().get("/api/v1/runs/" + runId + "/metrics/loss?maxPoints=1").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/runs/" + runId + "/metrics/nope").status()).isEqualTo(404);
    }

    private static void assertSpikeKept(JsonNode history, int maxPoints, int total) {
        assertThat(history.path("downsampled").asBoolean()).isTrue();
        assertThat(history.path("totalPoints").asLong()).isEqualTo(total);
        List<Long> steps = new ArrayList<>();
        double max = Double.NEGATIVE_INFINITY;
        long maxStep = -1;
        for (JsonNode point : history.path("points")) {
            steps.add(point.path("step").asLong());
            if (point.path("value").asDouble() > max) {
                max = point.path("value").asDouble();
                maxStep = point.path("step").asLong();
            }
        }
        assertThat(steps).hasSizeGreaterThan(maxPoints / 2).hasSizeLessThanOrEqualTo(maxPoints).isSorted();
        assertThat(max).isEqualTo(1000.0);
        assertThat(maxStep).isEqualTo(31_337);
    }

    @Test
    void searchFiltersWithOrAndOrdersByMetric() {
        String experiment = newExperiment();
        String a = newRun(experiment, "{\"name\":\"a\",\"params\":{\"opt\":\"sgd\"}}");
        String b = newRun(experiment, "{\"name\":\"b\",\"params\":{\"opt\":\"adamw\"}}");
        String c = newRun(experiment, "{\"name\":\"c\",\"params\":{\"opt\":\"adam\"}}");
        admin().post("/api/v1/runs/" + a + "/metrics", "{\"metrics\":[{\"key\":\"f1\",\"value\":0.5}]}");
        admin().post("/api/v1/runs/" + b + "/metrics", "{\"metrics\":[{\"key\":\"f1\",\"value\":0.9}]}");
        admin().post("/api/v1/runs/" + c + "/metrics", "{\"metrics\":[{\"key\":\"f1\",\"value\":0.7}]}");

        Api.Response found = admin().post("/api/v1/runs/search", """
                {"experimentIds":["%s"],"filter":"metrics.f1 > 0.8 or (params.opt = 'sgd' and metrics.f1 < 0.6)",
                 "orderBy":["metrics.f1 DESC"]}""".formatted(experiment));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        found.json().path("items").forEach(run -> ids.add(run.path("id").asString()));
        assertThat(ids).containsExactly(b, a);

        Api.Response paged = admin().post("/api/v1/runs/search",
                "{\"experimentIds\":[\"" + experiment + "\"],\"orderBy\":[\"metrics.f1\"],\"pageSize\":2}");
        assertThat(paged.json().path("items")).hasSize(2);
        String next = paged.json().path("nextPageToken").asString();
        Api.Response second = admin().post("/api/v1/runs/search", "{\"experimentIds\":[\"" + experiment
                + "\"],\"orderBy\":[\"metrics.f1\"],\"pageSize\":2,\"pageToken\":\"" + next + "\"}");
        assertThat(second.json().path("items").get(0).path("id").asString()).isEqualTo(b);

        // searching is a POST, but a read-only token may do it (and may not log)
        String readToken = admin().post("/api/v1/tokens", "{\"name\":\"reader-" + UUID.randomUUID()
                + "\",\"scopes\":[\"read\"],\"expiresInDays\":1}").json().path("token").asString();
        Api reader = api().bearer(readToken);
        assertThat(reader.post("/api/v1/runs/search", "{\"experimentIds\":[\"" + experiment + "\"]}").status())
                .isEqualTo(200);
        assertThat(reader.post("/api/v1/runs/" + a + "/metrics", "{\"metrics\":[]}").status()).isEqualTo(403);

        Api.Response bad = admin().post("/api/v1/runs/search", "{\"filter\":\"metrics.f1 > 'x'\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("filter");
    }

    @Test
    void artifactsAreStoredListedAndServedWithTheirHash() {
        String runId = newRun(newExperiment(), "{}");
        byte[] report = "{\"accuracy\":0.9}".getBytes(StandardCharsets.UTF_8);
        Api.Response stored = admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/reports/eval.json",
                new String(report, StandardCharsets.UTF_8));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("sizeBytes").asLong()).isEqualTo(report.length);
        assertThat(stored.json().path("sha256").asString()).hasSize(64);

        JsonNode list = admin().get("/api/v1/runs/" + runId + "/artifacts").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("path").asString()).isEqualTo("reports/eval.json");
        Api.Response download = admin().get("/api/v1/runs/" + runId + "/artifacts/reports/eval.json");
        assertThat(download.body()).isEqualTo("{\"accuracy\":0.9}");
        assertThat(download.header("X-Content-SHA256")).isEqualTo(stored.json().path("sha256").asString());

        assertThat(admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/a/./b", "x").status()).isEqualTo(400);
        assertThat(admin().get("/api/v1/runs/" + runId + "/artifacts/missing.txt").status()).isEqualTo(404);
    }
}
