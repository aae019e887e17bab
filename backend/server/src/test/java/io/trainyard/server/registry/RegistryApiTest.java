package io.trainyard.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Registered models, versions from runs, aliases with gates, approvals and history through the REST API. */
class RegistryApiTest extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-battery";

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String newProject() {
        String key = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = admin().post("/api/v1/projects", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return key;
    }

    private Api member(String project, String role) {
        String user = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(201);
        assertThat(admin().put("/api/v1/projects/" + project + "/members/" + user, "{\"role\":\"" + role + "\"}")
                .status()).isIn(200, 201);
        return api().basic(user, PASSWORD);
    }

    /** A run with these test metrics, a (small, opaque) bundle and optionally a subgroup report; succeeded. */
    private String trainedRun(String project, Map<String, Double> metrics, Map<String, Double> gaps,
                              boolean succeeded, boolean bundle) {
        Api.Response experiment = admin().post("/api/v1/projects/" + project + "/experiments",
                "{\"name\":\"exp-" + UUID.randomUUID() + "\"}");
        String experimentId = experiment.json().path("id").asString();
        Api.Response run = admin().post("/api/v1/experiments/" + experimentId + "/runs",
                "{\"name\":\"r\",\"params\":{\"config.model.template\":\"mlp\"}}");
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        String runId = run.json().path("id").asString();
        List<String> points = new ArrayList<>();
        metrics.forEach((k, v) -> points.add("{\"key\":\"" + k + "\",\"value\":" + v + ",\"step\":10}"));
        assertThat(admin().post("/api/v1/runs/" + runId + "/metrics", "{\"metrics\":[" + String.join(",", points)
                + "]}").status()).isEqualTo(200);
        if (bundle) {
            assertThat(admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/model/bundle.zip",
                    "bundle of " + runId).status()).isEqualTo(200);
        }
        if (gaps != null) {
            List<String> entries = new ArrayList<>();
            gaps.forEach((k, v) -> entries.add("\"" + k + "\":" + v));
            assertThat(admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/evaluation/subgroups.json",
                    "{\"column\":\"island\",\"largestGap\":{" + String.join(",", entries) + "}}").status())
                    .isEqualTo(200);
        }
        if (succeeded) {
            assertThat(admin().patch("/api/v1/runs/" + runId, "{\"status\":\"succeeded\"}").status()).isEqualTo(200);
        }
        return runId;
    }

    private String trainedRun(String project, double f1) {
        return trainedRun(project, Map.of("test_f1_macro", f1, "test_loss", 1 - f1), Map.of("test_f1_macro", 0.05),
                true, true);
    }

    private int register(Api api, String project, String model, String runId) {
        Api.Response version = api.post("/api/v1/projects/" + project + "/models/" + model + "/versions",
                "{\"runId\":\"" + runId + "\",\"description\":\"from a test\"}");
        assertThat(version.status()).as(version.toString()).isEqualTo(201);
        return version.json().path("version").asInt();
    }

    private static String alias(String project, String model, String alias) {
        return "/api/v1/projects/" + project + "/models/" + model + "/aliases/" + alias;
    }

    @Test
    void versionsComeFromRunsAndGatesDecideTheAlias() {
        String project = newProject();
        Api.Response created = admin().post("/api/v1/projects/" + project + "/models", """
                {"name":"churn","description":"churn classifier","modelCard":"# Churn\\n<script>x</script>",
                 "tags":{"team":"growth"},
                 "policy":{"aliases":{"champion":{"gates":[{"metric":"test_f1_macro","min":0.85}],
                   "mustBeat":{"metric":"test_f1_macro","by":0.01},"maxSubgroupGap":0.1}}}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("policy").path("aliases").path("champion").path("mustBeat").path("mode")
                .asString()).isEqualTo("max");
        assertThat(created.json().path("policy").path("aliases").path("champion").path("requiresApproval")
                .asBoolean()).isFalse();

        String weakRun = trainedRun(project, 0.80);
        assertThat(register(admin(), project, "churn", weakRun)).isEqualTo(1);
        assertThat(register(admin(), project, "churn", trainedRun(project, 0.90))).isEqualTo(2);
        JsonNode v1 = admin().get("/api/v1/projects/" + project + "/models/churn/versions/1").json();
        assertThat(v1.path("runId").asString()).isEqualTo(weakRun);
        assertThat(v1.path("metrics").path("test_f1_macro").asDouble()).isEqualTo(0.80);
        assertThat(v1.path("subgroupGaps").path("test_f1_macro").asDouble()).isEqualTo(0.05);
        assertThat(v1.path("params").path("config.model.template").asString()).isEqualTo("mlp");
        assertThat(v1.path("bundleSha256").asString()).hasSize(64);

        // v1 fails the min gate: 409 with every rule's result, nothing set
        Api.Response refused = admin().put(alias(project, "churn", "champion"), "{\"version\":1,\"comment\":\"try\"}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode gates = refused.json().path("gates");
        assertThat(gates).hasSize(3);
        assertThat(gates.get(0).path("gate").asString()).isEqualTo("min");
        assertThat(gates.get(0).path("passed").asBoolean()).isFalse();
        assertThat(gates.get(0).path("actual").asDouble()).isEqualTo(0.80);
        assertThat(gates.get(1).path("gate").asString()).isEqualTo("mustBeat");
        assertThat(gates.get(1).path("passed").asBoolean()).isTrue();
        assertThat(gates.get(2).path("gate").asString()).isEqualTo("maxSubgroupGap");
        assertThat(gates.get(2).path("passed").asBoolean()).isTrue();
        assertThat(admin().get(alias(project, "churn", "champion")).status()).isEqualTo(404);

        Api.Response set = admin().put(alias(project, "churn", "champion"), "{\"version\":2}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("outcome").asString()).isEqualTo("set");
        assertThat(admin().get(alias(project, "churn", "champion")).json().path("version").asInt()).isEqualTo(2);
        assertThat(admin().put(alias(project, "churn", "champion"), "{\"version\":2}").json().path("outcome")
                .asString()).isEqualTo("unchanged");

        // v3 is better, but not by the margin: mustBeat compares with the holder, v2
        register(admin(), project, "churn", trainedRun(project, 0.905));
        Api.Response notBetter = admin().put(alias(project, "churn", "champion"), "{\"version\":3}");
        assertThat(notBetter.status()).isEqualTo(409);
        JsonNode mustBeat = notBetter.json().path("gates").get(1);
        assertThat(mustBeat.path("passed").asBoolean()).isFalse();
        assertThat(mustBeat.path("threshold").asDouble()).isEqualTo(0.91, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(notBetter.json().path("currentVersion").asInt()).isEqualTo(2);

        // latest is implied, aliases without rules are set by any editor
        assertThat(admin().get(alias(project, "churn", "latest")).json().path("version").asInt()).isEqualTo(3);
        assertThat(admin().put(alias(project, "churn", "shadow"), "{\"version\":3}").status()).isEqualTo(200);
        JsonNode model = admin().get("/api/v1/projects/" + project + "/models/churn").json();
        assertThat(model.path("aliases").path("champion").asInt()).isEqualTo(2);
        assertThat(model.path("aliases").path("shadow").asInt()).isEqualTo(3);
        assertThat(model.path("latestVersion").asInt()).isEqualTo(3);
        assertThat(model.path("tags").path("team").asString()).isEqualTo("growth");
        assertThat(admin().get("/api/v1/projects/" + project + "/models/churn/versions/3").json().path("aliases"))
                .extracting(JsonNode::asString).containsExactly("shadow", "latest");

        JsonNode history = admin().get(alias(project, "churn", "champion") + "/history").json().path("items");
        assertThat(history).extracting(h -> h.path("action").asString()).containsExactly("refused", "set", "refused");
        assertThat(history.get(2).path("comment").asString()).isEqualTo("try");
        assertThat(history.get(1).path("fromVersion").isNull()).isTrue();
        assertThat(history.get(1).path("toVersion").asInt()).isEqualTo(2);
        assertThat(history.get(1).path("actor").asString()).isEqualTo("admin");

        assertThat(admin().delete(alias(project, "churn", "shadow")).status()).isEqualTo(204);
        assertThat(admin().get(alias(project, "churn", "shadow")).status()).isEqualTo(404);
        assertThat(admin().get("/api/v1/projects/" + project + "/models").json().path("items")).hasSize(1);
    }

    @Test
    void subgroupGapAndMissingMetricsFailTheirRules() {
        String project = newProject();
        admin().post("/api/v1/projects/" + project + "/models", """
                {"name":"fair","policy":{"aliases":{"prod":{"gates":[{"metric":"test_auc","min":0.5}],
                  "maxSubgroupGap":0.1}}}}""");
        register(admin(), project, "fair", trainedRun(project, Map.of("test_f1_macro", 0.9), null, true, true));
        register(admin(), project, "fair", trainedRun(project, Map.of("test_auc", 0.9), Map.of("test_auc", 0.2),
                true, true));
        JsonNode noMetric = admin().put(alias(project, "fair", "prod"), "{\"version\":1}").json().path("gates");
        assertThat(noMetric.get(0).path("detail").asString()).contains("no metric 'test_auc'");
        assertThat(noMetric.get(1).path("detail").asString()).contains("no subgroup evaluation");
        JsonNode gap = admin().put(alias(project, "fair", "prod"), "{\"version\":2}").json().path("gates");
        assertThat(gap.get(0).path("passed").asBoolean()).isTrue();
        assertThat(gap.get(1).path("passed").asBoolean()).isFalse();
        assertThat(gap.get(1).path("actual").asDouble()).isEqualTo(0.2);
    }

    @Test
    void approvalNeedsAnotherOwner() {
        String project = newProject();
        Api editor = member(project, "editor");
        Api viewer = member(project, "viewer");
        Api owner = member(project, "owner");
        Api secondOwner = member(project, "owner");
        assertThat(owner.post("/api/v1/projects/" + project + "/models",
                "{\"name\":\"m\",\"policy\":{\"aliases\":{\"prod\":{\"requiresApproval\":true}}}}").status())
                .isEqualTo(201);
        register(editor, project, "m", trainedRun(project, 0.9));
        register(editor, project, "m", trainedRun(project, 0.95));

        Api.Response pending = editor.put(alias(project, "m", "prod"), "{\"version\":1,\"comment\":\"ship it\"}");
        assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
        assertThat(pending.json().path("outcome").asString()).isEqualTo("pending");
        assertThat(editor.get(alias(project, "m", "prod")).status()).isEqualTo(404);
        JsonNode inbox = viewer.get("/api/v1/projects/" + project + "/approvals").json();
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).path("version").asInt()).isEqualTo(1);

        assertThat(viewer.post(alias(project, "m", "prod") + "/approve", "{\"version\":1}").status()).isEqualTo(403);
        assertThat(editor.post(alias(project, "m", "prod") + "/approve", "{\"version\":1}").status()).isEqualTo(403);
        assertThat(owner.post(alias(project, "m", "prod") + "/approve", "{\"version\":2}").status()).isEqualTo(409);
        assertThat(viewer.put("/api/v1/projects/" + project + "/models/m/policy", "{\"aliases\":{}}").status())
                .isEqualTo(403);
        assertThat(editor.put("/api/v1/projects/" + project + "/models/m/policy", "{\"aliases\":{}}").status())
                .isEqualTo(403);

        Api.Response approved = owner.post(alias(project, "m", "prod") + "/approve",
                "{\"version\":1,\"comment\":\"looks good\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(editor.get(alias(project, "m", "prod")).json().path("version").asInt()).isEqualTo(1);

        // an owner's own request needs a second owner
        assertThat(owner.put(alias(project, "m", "prod"), "{\"version\":2}").status()).isEqualTo(202);
        Api.Response self = owner.post(alias(project, "m", "prod") + "/approve", "{\"version\":2}");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().path("detail").asString()).contains("four eyes");
        assertThat(secondOwner.post(alias(project, "m", "prod") + "/reject", "{\"comment\":\"not now\"}").status())
                .isEqualTo(204);
        assertThat(secondOwner.post(alias(project, "m", "prod") + "/approve", "{}").status()).isEqualTo(404);
        assertThat(editor.get(alias(project, "m", "prod")).json().path("version").asInt()).isEqualTo(1);

        JsonNode history = viewer.get(alias(project, "m", "prod") + "/history").json().path("items");
        assertThat(history).extracting(h -> h.path("action").asString())
                .containsExactly("rejected", "requested", "approved", "requested");
        assertThat(history.get(2).path("approver").asString()).isNotBlank();
        assertThat(history.get(2).path("comment").asString()).isEqualTo("looks good");
        assertThat(history.get(0).path("comment").asString()).isEqualTo("not now");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String project = newProject();
        String model = "/api/v1/projects/" + project + "/models";
        assertField(admin().post(model, "{\"name\":\"../evil\"}"), 400, "name");
        assertField(admin().post(model, """
                {"name":"p","policy":{"aliases":{"champion":{"gates":[{"min":0.5}]}}}}"""), 400,
                "policy.aliases.champion.gates[0].metric");
        assertField(admin().post(model, """
                {"name":"p","policy":{"aliases":{"latest":{"requiresApproval":true}}}}"""), 400,
                "policy.aliases.latest");
        assertField(admin().post(model, """
                {"name":"p","policy":{"aliases":{"prod":{"mustBeat":{"metric":"x","by":-1,"mode":"up"}}}}}"""), 400,
                "policy.aliases.prod.mustBeat.by");
        assertThat(admin().post(model, "{\"name\":\"m\"}").status()).isEqualTo(201);
        assertThat(admin().post(model, "{\"name\":\"m\"}").status()).isEqualTo(409);
        assertThat(admin().get(model + "/nope").status()).isEqualTo(404);

        assertField(admin().post(model + "/m/versions", "{}"), 400, "runId");
        assertField(admin().post(model + "/m/versions", "{\"runId\":\"" + trainedRun(project, Map.of("a", 1.0),
                null, false, true) + "\"}"), 400, "runId");
        assertField(admin().post(model + "/m/versions", "{\"runId\":\"" + trainedRun(project, Map.of("a", 1.0),
                null, true, false) + "\"}"), 400, "runId");
        String otherProjectRun = trainedRun("default", 0.9);
        assertField(admin().post(model + "/m/versions", "{\"runId\":\"" + otherProjectRun + "\"}"), 400, "runId");
        assertThat(admin().post(model + "/m/versions", "{\"runId\":\"" + "0".repeat(32) + "\"}").status())
                .isEqualTo(404);
        assertThat(admin().get(model + "/m").json().path("latestVersion").isNull()).isTrue();

        register(admin(), project, "m", trainedRun(project, 0.9));
        assertField(admin().put(alias(project, "m", "latest"), "{\"version\":1}"), 400, "alias");
        assertField(admin().put(alias(project, "m", "Bad_Alias"), "{\"version\":1}"), 400, "alias");
        assertField(admin().put(alias(project, "m", "prod"), "{}"), 400, "version");
        assertField(admin().put(alias(project, "m", "prod"), "{\"version\":9}"), 400, "version");
        assertThat(admin().get(model + "/m/versions/9").status()).isEqualTo(404);

        // outsiders learn nothing: not found, not forbidden
        String outsider = "out-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", "{\"username\":\"" + outsider + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(api().basic(outsider, PASSWORD).get(model + "/m").status()).isEqualTo(404);
    }

    private static void assertField(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("errors").get(0).path("field").asString()).as(response.toString())
                .isEqualTo(field);
    }
}
