package io.trainyard.server.monitoring;

import static io.trainyard.server.monitoring.PenguinMonitoring.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.trainyard.server.monitoring.evaluation.MonitorEvaluations;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.webhooks.delivery.Signatures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Monitors end to end on a really trained penguins model: train, promote, send traffic through predict,
 * evaluate (not enough data, ok, drifting), the drift.detected webhook, retraining, feedback, the exactly-once
 * schedule, and the bad paths.
 */
class MonitoringApiTest extends IntegrationTest {

    private static final String SECRET = "monitoring-webhook-secret";
    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    EmbeddedExecutors embedded;
    @Autowired
    MonitorEvaluations evaluations;
    @Autowired
    JdbcClient jdbc;

    private HttpServer receiver;
    private final List<String[]> received = new CopyOnWriteArrayList<>(); // {event, signature, body}

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Trainyard-Event"),
                    exchange.getRequestHeaders().getFirst("X-Trainyard-Signature"), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** A retraining run a test queued: cancelled afterwards, since a queued job without labels would be
     * claimed by the queue tests' executors (they share this database). */
    private String queuedRetraining;

    @AfterEach
    void stopReceiverAndCancelRetraining() {
        receiver.stop(0);
        if (queuedRetraining != null) {
            admin().post("/api/v1/runs/" + queuedRetraining + "/cancel", "");
        }
    }

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private JsonNode createMonitor(String body) {
        Api.Response created = admin().post("/api/v1/projects/default/monitors", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private JsonNode evaluate(long monitor) {
        Api.Response report = admin().post("/api/v1/monitors/" + monitor + "/evaluate", "");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    private static List<Map<String, Object>> rows(UnaryOperator<Map<String, Object>> change) throws Exception {
        return PenguinMonitoring.rows(change);
    }

    @Test
    void shiftedTrafficDriftsAlertsAndRetrains() throws Exception {
        String model = PenguinMonitoring.championModel(admin(), embedded);
        assertThat(admin().post("/api/v1/projects/default/webhooks", JSON.writeValueAsString(Map.of(
                "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/drift",
                "events", List.of("drift.detected"), "secret", SECRET))).status()).isEqualTo(201);
        JsonNode monitor = createMonitor("""
                {"name":"%s-drift","model":"%s","alias":"champion","window":{"last":200},
                 "thresholds":{"minRows":50,"minAccuracy":0.9},"action":"retrain"}""".formatted(model, model));
        long id = monitor.path("id").asLong();
        assertThat(monitor.path("state").asString()).isEqualTo("unknown");

        // no traffic yet: not enough data, never drift
        JsonNode empty = evaluate(id);
        assertThat(empty.path("status").asString()).isEqualTo("not_enough_data");
        assertThat(empty.path("drifted").asBoolean()).isFalse();

        // the world as it was: the training split of the same data
        List<Map<String, Object>> usual = rows(UnaryOperator.identity());
        PenguinMonitoring.predict(admin(), model, PenguinMonitoring.spread(usual, 200));
        JsonNode ok = evaluate(id);
        assertThat(ok.path("status").asString()).as(ok.toString()).isEqualTo("ok");
        assertThat(ok.path("reference").asString()).contains("(training split)");
        assertThat(ok.path("modelVersion").asInt()).isEqualTo(1);
        assertThat(ok.path("features")).hasSize(6);
        JsonNode mass = feature(ok, "Body Mass (g)");
        assertThat(mass.path("test").asString()).isEqualTo("ks"); // a small reference: Kolmogorov-Smirnov
        assertThat(mass.path("pValue").asDouble()).isGreaterThan(0.05);
        assertThat(feature(ok, "Island").path("test").asString()).isEqualTo("chisquare");
        assertThat(ok.path("output").path("feature").asString()).isEqualTo("prediction");

        // a changed world: the last 200 predictions are all shifted
        List<Map<String, Object>> changed = PenguinMonitoring.spread(rows(PenguinMonitoring::shifted), 200);
        List<String> ids = PenguinMonitoring.predict(admin(), model, changed);
        // ground truth for them: the shifted penguins are still their species
        List<Map<String, Object>> feedback = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            feedback.add(Map.of("predictionId", ids.get(i), "label", changed.get(i).get("species")));
        }
        assertThat(admin().post("/api/v1/projects/default/models/" + model + "/feedback",
                JSON.writeValueAsString(Map.of("feedback", feedback))).status()).isEqualTo(200);
        // a newer dataset version to retrain on
        int newest = PenguinMonitoring.upload(admin(), PenguinMonitoring.dataset(),
                PenguinMonitoring.csv(cells -> cells));

        JsonNode drifting = evaluate(id);
        assertThat(drifting.path("status").asString()).as(drifting.toString()).isEqualTo("drifting");
        assertThat(drifting.path("drifted").asBoolean()).isTrue();
        assertThat(feature(drifting, "Body Mass (g)").path("drifted").asBoolean()).isTrue();
        assertThat(feature(drifting, "Island").path("drifted").asBoolean()).isTrue();
        assertThat(feature(drifting, "Body Mass (g)").path("histogram").path("bins").size()).isGreaterThan(1);
        assertThat(drifting.path("performance").path("labelled").asInt()).isEqualTo(200);
        assertThat(drifting.path("performance").path("accuracy").isNumber()).isTrue();

        // the alert: a transition, the webhook, and a retraining run on the newest version
        String retrainRun = drifting.path("retrainRunId").asString();
        assertThat(retrainRun).isNotBlank();
        queuedRetraining = retrainRun;
        JsonNode run = admin().get("/api/v1/runs/" + retrainRun).json();
        assertThat(run.path("inputs").get(0).path("version").asInt()).isEqualTo(newest);
        assertThat(run.path("inputs").get(0).path("dataset").asString()).isEqualTo(PenguinMonitoring.dataset());
        JsonNode transitions = admin().get("/api/v1/monitors/" + id + "/transitions").json();
        assertThat(transitions.get(0).path("to").asString()).isEqualTo("drifting");
        assertThat(transitions.get(0).path("from").asString()).isEqualTo("ok");
        assertThat(transitions.get(0).path("retrainRunId").asString()).isEqualTo(retrainRun);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(r -> "drift.detected".equals(r[0])));
        String[] delivery = received.stream().filter(r -> "drift.detected".equals(r[0])).findFirst().orElseThrow();
        assertThat(delivery[1]).isEqualTo(Signatures.sign(SECRET, delivery[2].getBytes(StandardCharsets.UTF_8)));
        JsonNode data = JSON.readTree(delivery[2]).path("data");
        assertThat(data.path("monitorId").asLong()).isEqualTo(id);
        assertThat(data.path("retrainRunId").asString()).isEqualTo(retrainRun);
        assertThat(data.path("driftedFeatures").toString()).contains("Body Mass (g)");

        // still drifting: no new transition, no second run
        JsonNode again = evaluate(id);
        assertThat(again.path("status").asString()).isEqualTo("drifting");
        assertThat(again.path("retrainRunId").isNull() || again.path("retrainRunId").isMissingNode()).isTrue();
        assertThat(admin().get("/api/v1/monitors/" + id + "/transitions").json()).hasSize(transitions.size());

        JsonNode page = admin().get("/api/v1/monitors/" + id + "/reports?pageSize=2").json();
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("nextPageToken").asString()).isNotBlank();
        assertThat(admin().get("/api/v1/monitors/" + id).json().path("state").asString()).isEqualTo("drifting");

        Api.Response cancelled = admin().post("/api/v1/runs/" + retrainRun + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        queuedRetraining = null;
    }

    @Test
    void aScheduledWindowIsEvaluatedOnceEvenWithTwoEvaluatorsAtOnce() throws Exception {
        String model = PenguinMonitoring.championModel(admin(), embedded);
        long id = createMonitor("""
                {"name":"%s-sched","model":"%s","alias":"champion","window":{"duration":"PT1H"},
                 "schedule":"PT5M","thresholds":{"minRows":1}}""".formatted(model, model)).path("id").asLong();
        PenguinMonitoring.predict(admin(), model, PenguinMonitoring.spread(rows(UnaryOperator.identity()), 30));
        Instant due = Instant.now(); // after the predictions, so the window [due - 1h, due) holds them
        jdbc.sql("update monitors set next_run_at = ? where id = ?").params(java.sql.Timestamp.from(due), id).update();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Instant now = Instant.now();
            List<Future<Boolean>> runs = List.of(pool.submit(() -> evaluations.evaluateIfDue(id, now)),
                    pool.submit(() -> evaluations.evaluateIfDue(id, now)));
            int evaluated = 0;
            for (Future<Boolean> run : runs) {
                evaluated += run.get() ? 1 : 0;
            }
            assertThat(evaluated).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from monitor_reports where monitor_id = ? and trigger = 'schedule'")
                .param(id).query(Long.class).single()).isEqualTo(1);
        JsonNode report = admin().get("/api/v1/monitors/" + id + "/reports").json().path("items").get(0);
        assertThat(report.path("status").asString()).isIn("ok", "drifting");
        // the window ends at the scheduled time (stored with the database's microseconds)
        assertThat(Duration.between(due, Instant.parse(report.path("windowEnd").asString())).abs())
                .isLessThan(Duration.ofMillis(1));
        Instant next = Instant.parse(admin().get("/api/v1/monitors/" + id).json().path("nextEvaluationAt").asString());
        assertThat(next).isAfter(Instant.now());
        // not due any more: a third evaluator does nothing
        assertThat(evaluations.evaluateIfDue(id, Instant.now())).isFalse();
    }

    @Test
    void aScheduledEvaluationWhoseCreatorIsDisabledIsRecordedAsFailed() throws Exception {
        String model = PenguinMonitoring.championModel(admin(), embedded);
        String user = "editor-" + UUID.randomUUID().toString().substring(0, 8);
        Api editor = member(user, "editor");
        Api.Response created = editor.post("/api/v1/projects/default/monitors", """
                {"name":"%s-gone","model":"%s","alias":"champion","window":{"last":10},"schedule":"PT1M"}"""
                .formatted(model, model));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(admin().patch("/api/v1/users/" + user, "{\"enabled\":false}").status()).isEqualTo(200);
        jdbc.sql("update monitors set next_run_at = now() where id = ?").param(id).update();

        assertThat(evaluations.evaluateIfDue(id, Instant.now())).isTrue();
        JsonNode report = admin().get("/api/v1/monitors/" + id + "/reports").json().path("items").get(0);
        assertThat(report.path("status").asString()).isEqualTo("failed");
        assertThat(report.path("error").asString()).contains(user).contains("disabled");
        assertThat(admin().get("/api/v1/monitors/" + id).json().path("state").asString()).isEqualTo("failed");
        // the window moved on: it is not retried on every poll
        assertThat(evaluations.evaluateIfDue(id, Instant.now())).isFalse();
    }

    @Test
    void aFeatureMissingFromTheCurrentDataIsASchemaProblemNotACrash() throws Exception {
        String model = PenguinMonitoring.championModel(admin(), embedded);
        long id = createMonitor("""
                {"name":"%s-schema","model":"%s","alias":"champion","window":{"last":100},
                 "thresholds":{"minRows":10}}""".formatted(model, model)).path("id").asLong();
        // a batch scored elsewhere that lost its Sex column
        String noSex = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        int version = PenguinMonitoring.upload(admin(), noSex, PenguinMonitoring.csv(
                cells -> java.util.Arrays.copyOf(cells, cells.length - 1)).replace(",Sex\n", "\n"));
        Api.Response response = admin().post("/api/v1/monitors/" + id + "/evaluate",
                "{\"current\":{\"dataset\":\"" + noSex + "\",\"version\":" + version + "}}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("schemaProblems").toString()).contains("Sex").contains("missing from the current data");
        assertThat(report.path("features")).hasSize(5);
        assertThat(report.path("status").asString()).isEqualTo("ok");
    }

    @Test
    void adHocDriftComparesTwoDatasetVersions() throws Exception {
        String name = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        int v1 = PenguinMonitoring.upload(admin(), name, PenguinMonitoring.csv(cells -> cells));
        int v2 = PenguinMonitoring.upload(admin(), name, PenguinMonitoring.csv(cells -> {
            String[] c = cells.clone();
            if (!c[5].isEmpty() && !c[5].equals("NA")) {
                c[5] = Double.toString(Double.parseDouble(c[5]) * 1.5);
            }
            return c;
        }));
        JsonNode same = compare(name, v1, name, v1);
        assertThat(same.path("drifted").asBoolean()).isFalse();
        assertThat(same.path("status").asString()).isEqualTo("ok");
        assertThat(same.path("features").size()).isEqualTo(7); // every numeric and categorical column
        JsonNode changed = compare(name, v1, name, v2);
        JsonNode mass = null;
        for (JsonNode f : changed.path("features")) {
            if (f.path("feature").asString().equals("Body Mass (g)")) {
                mass = f;
            }
        }
        assertThat(mass).isNotNull();
        assertThat(mass.path("drifted").asBoolean()).isTrue();
        assertThat(mass.path("pValue").asDouble()).isLessThan(1e-6);
        assertThat(mass.path("psi").asDouble()).isGreaterThan(0.25);
        // one of seven columns drifted: below the default share of 0.5
        assertThat(changed.path("driftedFeatures").asInt()).isEqualTo(1);
        assertThat(changed.path("drifted").asBoolean()).isFalse();
        JsonNode strict = JSON.readTree(admin().post("/api/v1/projects/default/drift", """
                {"reference":{"dataset":"%s","version":%d},"current":{"dataset":"%s","version":%d},
                 "thresholds":{"driftShare":0.1}}""".formatted(name, v1, name, v2)).body());
        assertThat(strict.path("drifted").asBoolean()).isTrue();
    }

    private JsonNode compare(String reference, int referenceVersion, String current, int currentVersion) {
        Api.Response response = admin().post("/api/v1/projects/default/drift", """
                {"reference":{"dataset":"%s","version":%d},"current":{"dataset":"%s","version":%d}}"""
                .formatted(reference, referenceVersion, current, currentVersion));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        String model = PenguinMonitoring.championModel(admin(), embedded);
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"nobody-holds-this","window":{"last":10}}""".formatted(model)),
                "alias");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"no-such-model","alias":"champion","window":{"last":10}}"""), "model");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion"}""".formatted(model)), "window");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion","window":{"duration":"an hour"}}""".formatted(model)),
                "window.duration");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion","window":{"last":10},"schedule":"PT1S"}"""
                .formatted(model)), "schedule");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion","window":{"last":10},
                 "thresholds":{"numeric":{"test":"t-test"}}}""".formatted(model)), "thresholds.numeric.test");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion","window":{"last":10},
                 "thresholds":{"driftShare":1.5}}""".formatted(model)), "thresholds.driftShare");
        assertField(admin().post("/api/v1/projects/default/monitors", """
                {"name":"m1","model":"%s","alias":"champion","window":{"last":10},
                 "reference":{"dataset":"nope","version":1}}""".formatted(model)), "reference");
        assertField(admin().post("/api/v1/projects/default/drift", """
                {"reference":{"version":1},"current":{"dataset":"x","version":1}}"""), "reference.dataset");
        assertField(admin().post("/api/v1/projects/default/drift", """
                {"reference":{"dataset":"nope","version":1},"current":{"dataset":"x","version":1}}"""), "reference");
        String trained = PenguinMonitoring.dataset();
        assertField(admin().post("/api/v1/projects/default/drift", """
                {"reference":{"dataset":"%s","version":1},"current":{"dataset":"%s","version":1},
                 "thresholds":{"categorical":{"test":"ks"}}}""".formatted(trained, trained)), "thresholds.categorical.test");
        assertField(admin().post("/api/v1/projects/default/drift", """
                {"reference":{"dataset":"%s","version":1},"current":{"dataset":"%s","version":1},
                 "thresholds":{"features":{"Island":{"test":"wasserstein"}}}}""".formatted(trained, trained)),
                "thresholds.features");
        assertThat(admin().post("/api/v1/monitors/999999/evaluate", "").status()).isEqualTo(404);

        // viewers read monitors but do not create or evaluate them
        long id = createMonitor("""
                {"name":"%s-roles","model":"%s","alias":"champion","window":{"last":10}}""".formatted(model, model))
                .path("id").asLong();
        Api viewer = viewer();
        assertThat(viewer.get("/api/v1/monitors/" + id).status()).isEqualTo(200);
        assertThat(viewer.post("/api/v1/monitors/" + id + "/evaluate", "").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/projects/default/monitors", """
                {"name":"x","model":"%s","alias":"champion","window":{"last":10}}""".formatted(model)).status())
                .isEqualTo(403);
        assertThat(admin().post("/api/v1/projects/default/monitors", """
                {"name":"%s-roles","model":"%s","alias":"champion","window":{"last":10}}""".formatted(model, model))
                .status()).isEqualTo(400);
    }

    private Api viewer() {
        return member("viewer-" + UUID.randomUUID().toString().substring(0, 8), "viewer");
    }

    private Api member(String user, String role) {
        assertThat(admin().post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
        assertThat(admin().put("/api/v1/projects/default/members/" + user, "{\"role\":\"" + role + "\"}").status())
                .isIn(200, 201);
        return api().basic(user, PASSWORD);
    }

    private static JsonNode feature(JsonNode report, String name) {
        for (JsonNode f : report.path("features")) {
            if (f.path("feature").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + report);
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as(response.toString()).contains(field);
    }
}
