package io.trainyard.server.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.databind.JsonNode;

/** The registry through MLflow's REST API: reads with the official Java client, writes as the Python client sends them. */
class MlflowRegistryTest extends IntegrationTest {

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String token() {
        return admin().post("/api/v1/tokens", "{\"name\":\"mlflow-reg-" + UUID.randomUUID()
                + "\",\"scopes\":[\"write\"],\"expiresInDays\":1}").json().path("token").asString();
    }

    private String succeededRunWithBundle(double f1) {
        String experiment = admin().post("/api/v1/projects/default/experiments",
                "{\"name\":\"mlflow-reg-" + UUID.randomUUID() + "\"}").json().path("id").asString();
        String runId = admin().post("/api/v1/experiments/" + experiment + "/runs", "{}").json().path("id").asString();
        admin().post("/api/v1/runs/" + runId + "/metrics",
                "{\"metrics\":[{\"key\":\"test_f1_macro\",\"value\":" + f1 + ",\"step\":1}]}");
        admin().send("PUT", "/api/v1/runs/" + runId + "/artifacts/model/bundle.zip", "bundle " + runId);
        admin().patch("/api/v1/runs/" + runId, "{\"status\":\"succeeded\"}");
        return runId;
    }

    @Test
    void theOfficialClientReadsModelsAndVersions() {
        String name = "mlflow-" + UUID.randomUUID().toString().substring(0, 8);
        String mlflow = "/api/2.0/mlflow";
        Api.Response created = admin().post(mlflow + "/registered-models/create",
                "{\"name\":\"" + name + "\",\"description\":\"from MLflow\",\"tags\":[{\"key\":\"team\",\"value\":\"ml\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("registered_model").path("name").asString()).isEqualTo(name);
        String run1 = succeededRunWithBundle(0.8);
        String run2 = succeededRunWithBundle(0.9);
        for (String run : List.of(run1, run2)) {
            Api.Response version = admin().post(mlflow + "/model-versions/create",
                    "{\"name\":\"" + name + "\",\"source\":\"runs:/" + run + "/model\",\"run_id\":\"" + run + "\"}");
            assertThat(version.status()).as(version.toString()).isEqualTo(200);
        }
        assertThat(admin().post(mlflow + "/registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"1\"}").status()).isEqualTo(200);

        try (MlflowClient client = new MlflowClient(new BasicMlflowHostCreds(baseUrl() + "/mlflow/default", token()))) {
            RegisteredModel model = client.getRegisteredModel(name);
            assertThat(model.getDescription()).isEqualTo("from MLflow");
            assertThat(model.getLatestVersions(0).getVersion()).isEqualTo("2");
            assertThat(model.getAliases(0).getAlias()).isEqualTo("champion");
            assertThat(model.getAliases(0).getVersion()).isEqualTo("1");
            assertThat(model.getTags(0).getKey()).isEqualTo("team");

            List<ModelVersion> latest = client.getLatestVersions(name);
            assertThat(latest).extracting(ModelVersion::getVersion).containsExactly("2");
            assertThat(latest.get(0).getRunId()).isEqualTo(run2);
            ModelVersion first = client.getModelVersion(name, "1");
            assertThat(first.getRunId()).isEqualTo(run1);
            assertThat(first.getAliasesList()).containsExactly("champion");
            assertThat(first.getCurrentStage()).isEqualTo("None");
            assertThat(client.getModelVersionDownloadUri(name, "2")).isEqualTo("runs:/" + run2 + "/model");
            assertThat(client.searchModelVersions("name='" + name + "'").getItems()).hasSize(2);
            assertThat(client.searchModelVersions("run_id='" + run1 + "'").getItems())
                    .extracting(ModelVersion::getVersion).containsExactly("1");
            try {
                client.getModelVersion(name, "9");
                org.assertj.core.api.Assertions.fail("expected an error");
            } catch (MlflowClientException e) {
                assertThat(e.getMessage()).contains("RESOURCE_DOES_NOT_EXIST");
            }
        }

        JsonNode alias = admin().get(mlflow + "/registered-models/alias?name=" + name + "&alias=champion").json();
        assertThat(alias.path("model_version").path("version").asString()).isEqualTo("1");
        JsonNode searched = admin().post(mlflow + "/registered-models/search",
                "{\"filter\":\"name LIKE '" + name + "%'\"}").json();
        assertThat(searched.path("registered_models")).hasSize(1);
    }

    @Test
    void errorsComeInMlflowsShapeAndPoliciesStillApply() {
        String name = "mlflow-" + UUID.randomUUID().toString().substring(0, 8);
        String mlflow = "/api/2.0/mlflow";
        admin().post("/api/v1/projects/default/models", """
                {"name":"%s","policy":{"aliases":{"champion":{"gates":[{"metric":"test_f1_macro","min":0.85}]}}}}"""
                .formatted(name));
        Api.Response duplicate = admin().post(mlflow + "/registered-models/create", "{\"name\":\"" + name + "\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().path("error_code").asString()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        Api.Response noRun = admin().post(mlflow + "/model-versions/create",
                "{\"name\":\"" + name + "\",\"source\":\"s3://bucket/model\"}");
        assertThat(noRun.status()).isEqualTo(400);
        assertThat(noRun.json().path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(admin().get(mlflow + "/registered-models/get?name=nope-" + name).json().path("error_code")
                .asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

        String run = succeededRunWithBundle(0.5);
        admin().post(mlflow + "/model-versions/create", "{\"name\":\"" + name + "\",\"run_id\":\"" + run + "\"}");
        Api.Response refused = admin().post(mlflow + "/registered-models/alias",
                "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"1\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asString()).contains("test_f1_macro");
        Api.Response badFilter = admin().get(mlflow + "/model-versions/search?filter=metrics.x%3E1");
        assertThat(badFilter.json().path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(admin().send("DELETE", mlflow + "/registered-models/delete", "{\"name\":\"" + name + "\"}")
                .status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/projects/default/models/" + name).status()).isEqualTo(404);
    }
}
