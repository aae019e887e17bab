package io.trainyard.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.webhooks.delivery.Signatures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signed deliveries to a real receiver, retries, redirects not followed, and the SSRF guard's refusals. */
class WebhookTest extends IntegrationTest {

    private static final String SECRET = "a-test-secret-of-32-characters!!";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the receiver got: headers and body. */
    record Received(String path, Map<String, String> headers, String body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Status codes to answer with, one per request; 200 once they run out. */
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(), Map.of(
                    "event", String.valueOf(exchange.getRequestHeaders().getFirst("X-Trainyard-Event")),
                    "delivery", String.valueOf(exchange.getRequestHeaders().getFirst("X-Trainyard-Delivery")),
                    "timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("X-Trainyard-Timestamp")),
                    "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Trainyard-Signature"))), body));
            Integer status = answers.poll();
            int code = status == null ? 200 : status;
            if (code == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private int port() {
        return receiver.getAddress().getPort();
    }

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String newProject() {
        String key = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/api/v1/projects", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}").status())
                .isEqualTo(201);
        return key;
    }

    private long webhook(String project, String path, List<String> events) {
        Api.Response created = admin().post("/api/v1/projects/" + project + "/webhooks", JSON.writeValueAsString(Map.of(
                "url", "http://127.0.0.1:" + port() + path, "events", events, "secret", SECRET)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET);
        return created.json().path("id").asLong();
    }

    private String succeededRunWithBundle(String project) {
        String experiment = admin().post("/api/v1/projects/" + project + "/experiments",
                "{\"name\":\"e-" + UUID.randomUUID() + "\"}").json().path("id").asString();
        String runId = admin().post("/api/v1/experiments/" + experiment + "/runs", "{}").json().path("id").asString();
        admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/model/bundle.zip", "bundle");
        assertThat(admin().patch("/api/v1/runs/" + runId, "{\"status\":\"succeeded\"}").status()).isEqualTo(200);
        return runId;
    }

    @Test
    void eventsArriveSignedAndAreRetriedUntilAccepted() {
        String project = newProject();
        long hook = webhook(project, "/hook", List.of("model_version.created", "alias.changed", "run.finished"));
        answers.add(500); // the first delivery fails once, then is retried
        String runId = succeededRunWithBundle(project);
        admin().post("/api/v1/projects/" + project + "/models", "{\"name\":\"m\"}");
        assertThat(admin().post("/api/v1/projects/" + project + "/models/m/versions", "{\"runId\":\"" + runId + "\"}")
                .status()).isEqualTo(201);
        assertThat(admin().put("/api/v1/projects/" + project + "/models/m/aliases/prod", "{\"version\":1}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().map(r -> r.headers().get("event"))
                .distinct().count() == 3 && received.size() >= 4);
        List<String> events = new ArrayList<>();
        for (Received r : received) {
            assertThat(r.headers().get("signature"))
                    .isEqualTo(Signatures.sign(SECRET, r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(r.headers().get("signature")).matches("sha256=[0-9a-f]{64}");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("id").asString()).isEqualTo(r.headers().get("delivery"));
            assertThat(body.path("event").asString()).isEqualTo(r.headers().get("event"));
            assertThat(body.path("project").asString()).isEqualTo(project);
            assertThat(Long.parseLong(r.headers().get("timestamp"))).isPositive();
            events.add(r.headers().get("event"));
        }
        assertThat(events).contains("run.finished", "model_version.created", "alias.changed");
        JsonNode changed = received.stream().filter(r -> r.headers().get("event").equals("alias.changed"))
                .map(r -> JSON.readTree(r.body())).findFirst().orElseThrow();
        assertThat(changed.path("data").path("alias").asString()).isEqualTo("prod");
        assertThat(changed.path("data").path("toVersion").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/v1/projects/" + project + "/webhooks/"
                + hook + "/deliveries").json().findValuesAsString("state").stream().allMatch("delivered"::equals));
        JsonNode deliveries = admin().get("/api/v1/projects/" + project + "/webhooks/" + hook + "/deliveries").json();
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries.findValues("attempts").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(4);
    }

    @Test
    void redirectsAreNotFollowed() {
        String project = newProject();
        long hook = webhook(project, "/moved", List.of("run.finished"));
        answers.add(302);
        succeededRunWithBundle(project);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(r -> r.path().equals("/moved"))
                && received.size() >= 2);
        assertThat(received).noneMatch(r -> r.path().equals("/elsewhere"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/v1/projects/" + project + "/webhooks/"
                + hook + "/deliveries").json().get(0).path("state").asString().equals("delivered"));
        JsonNode delivery = admin().get("/api/v1/projects/" + project + "/webhooks/" + hook + "/deliveries").json().get(0);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void internalAddressesAndBadInputAreRefused() {
        String project = newProject();
        String path = "/api/v1/projects/" + project + "/webhooks";
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hook",
                "http://192.168.0.10/hook", "http://[::1]:8080/hook", "http://[fd00:ec2::254]/",
                "http://localhost:" + port() + "/hook", "http://0.0.0.0/", "http://100.64.0.1/")) {
            Api.Response refused = admin().post(path, JSON.writeValueAsString(Map.of("url", url,
                    "events", List.of("run.finished"), "secret", SECRET)));
            assertThat(refused.status()).as(url + " " + refused).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("url");
        }
        assertField(admin().post(path, JSON.writeValueAsString(Map.of("url", "ftp://127.0.0.1/",
                "events", List.of("run.finished"), "secret", SECRET))), "url");
        assertField(admin().post(path, JSON.writeValueAsString(Map.of("url", "http://user:pw@127.0.0.1/",
                "events", List.of("run.finished"), "secret", SECRET))), "url");
        assertField(admin().post(path, JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:" + port() + "/",
                "events", List.of("everything"), "secret", SECRET))), "events");
        assertField(admin().post(path, JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:" + port() + "/",
                "events", List.of("run.finished"), "secret", "short"))), "secret");

        String editor = "ed-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", "{\"username\":\"" + editor + "\",\"password\":\"correct-horse-battery\"}");
        admin().put("/api/v1/projects/" + project + "/members/" + editor, "{\"role\":\"editor\"}");
        assertThat(api().basic(editor, "correct-horse-battery").get(path).status()).isEqualTo(403);
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }
}
