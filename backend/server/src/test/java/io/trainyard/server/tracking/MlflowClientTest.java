package io.trainyard.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.databind.JsonNode;

/** The official MLflow Java client, unchanged, against our MLflow-compatible API. */
class MlflowClientTest extends IntegrationTest {

    private String token;

    @BeforeEach
    void token() {
        if (token == null) {
            Api.Response created = admin().post("/api/v1/tokens",
                    "{\"name\":\"mlflow-" + UUID.randomUUID() + "\",\"scopes\":[\"write\"],\"expiresInDays\":1}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            token = created.json().path("token").asString();
        }
    }

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private MlflowClient client(String trackingUri) {
        return new MlflowClient(new BasicMlflowHostCreds(trackingUri, token));
    }

    @Test
    void drivesExperimentsRunsMetricsSearchAndTerminationThroughTheJavaClient() {
        try (MlflowClient mlflow = client(baseUrl())) {
            String name = "mlflow-exp-" + UUID.randomUUID();
            String experimentId = mlflow.createExperiment(name);
            assertThat(mlflow.getExperiment(experimentId).getName()).isEqualTo(name);
            assertThat(mlflow.getExperimentByName(name)).get().extracting(Service.Experiment::getExperimentId)
                    .isEqualTo(experimentId);
            mlflow.setExperimentTag(experimentId, "team", "vision");
            assertThat(mlflow.getExperiment(experimentId).getTagsList())
                    .anySatisfy(tag -> assertThat(tag.getKey()).isEqualTo("team"));
            assertThat(mlflow.searchExperiments("name = '" + name + "'").getItems()).hasSize(1);

            Service.RunInfo good = mlflow.createRun(experimentId);
            Service.RunInfo bad = mlflow.createRun(experimentId);
            assertThat(good.getStatus()).isEqualTo(Service.RunStatus.RUNNING);
            mlflow.logParam(good.getRunId(), "optimizer", "adamw");
            mlflow.logParam(bad.getRunId(), "optimizer", "sgd");
            mlflow.setTag(good.getRunId(), "stage", "candidate");

            List<Service.Metric> metrics = new ArrayList<>();
            for (int step = 0; step < 100; step++) {
                metrics.add(Service.Metric.newBuilder().setKey("val_f1").setValue(step / 100.0)
                        .setTimestamp(1_700_000_000_000L + step).setStep(step).build());
            }
            mlflow.logBatch(good.getRunId(), metrics,
                    List.of(Service.Param.newBuilder().setKey("lr").setValue("0.001").build()),
                    List.of(Service.RunTag.newBuilder().setKey("note").setValue("batch").build()));
            mlflow.logMetric(bad.getRunId(), "val_f1", 0.2, 1_700_000_000_000L, 0);
            mlflow.logMetric(good.getRunId(), "nan_metric", Double.NaN, 1_700_000_000_000L, 0);

            List<Service.Metric> history = mlflow.getMetricHistory(good.getRunId(), "val_f1");
            assertThat(history).hasSize(100);
            assertThat(history.get(99).getValue()).isEqualTo(0.99);
            assertThat(mlflow.getMetricHistory(good.getRunId(), "nan_metric").get(0).getValue()).isNaN();

            Service.Run fetched = mlflow.getRun(good.getRunId());
            assertThat(fetched.getData().getParamsList()).extracting(Service.Param::getKey)
                    .contains("optimizer", "lr");
            assertThat(fetched.getData().getMetricsList()).anySatisfy(metric -> {
                assertThat(metric.getKey()).isEqualTo("val_f1");
                assertThat(metric.getStep()).isEqualTo(99);
            });
            mlflow.deleteTag(good.getRunId(), "note");
            assertThat(mlflow.getRun(good.getRunId()).getData().getTagsList()).extracting(Service.RunTag::getKey)
                    .doesNotContain("note");

            List<Service.RunInfo> found = mlflow.searchRuns(List.of(experimentId),
                    "metrics.val_f1 > 0.5 and params.optimizer = 'adamw'");
            assertThat(found).extracting(Service.RunInfo::getRunId).containsExactly(good.getRunId());
            RunsPage ordered = mlflow.searchRuns(List.of(experimentId), "", Service.ViewType.ACTIVE_ONLY, 10,
                    List.of("metrics.val_f1 ASC"));
            assertThat(ordered.getItems().stream().map(run -> run.getInfo().getRunId()).toList())
                    .containsExactly(bad.getRunId(), good.getRunId());

            mlflow.setTerminated(good.getRunId(), Service.RunStatus.FINISHED, 1_700_000_100_000L);
            mlflow.setTerminated(bad.getRunId(), Service.RunStatus.KILLED);
            Service.RunInfo ended = mlflow.getRun(good.getRunId()).getInfo();
            assertThat(ended.getStatus()).isEqualTo(Service.RunStatus.FINISHED);
            assertThat(ended.getEndTime()).isEqualTo(1_700_000_100_000L);
            assertThat(admin().get("/api/v1/runs/" + bad.getRunId()).json().path("status").asString())
                    .isEqualTo("cancelled");

            mlflow.deleteRun(bad.getRunId());
            assertThat(mlflow.searchRuns(List.of(experimentId), "")).hasSize(1);
            mlflow.restoreRun(bad.getRunId());
            mlflow.renameExperiment(experimentId, name + "-renamed");
            mlflow.deleteExperiment(experimentId);
            assertThat(mlflow.getExperiment(experimentId).getLifecycleStage()).isEqualTo("deleted");
            mlflow.restoreExperiment(experimentId);

            assertThatThrownBy(() -> mlflow.createExperiment(name + "-renamed"))
                    .isInstanceOf(MlflowHttpException.class)
                    .satisfies(e -> assertThat(((MlflowHttpException) e).getBodyMessage())
                            .contains("RESOURCE_ALREADY_EXISTS"));
            assertThatThrownBy(() -> mlflow.getRun("0".repeat(32)))
                    .isInstanceOf(MlflowHttpException.class)
                    .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(404));
        }
    }

    @Test
    void aTrackingUriWithAProjectPathKeepsExperimentsInThatProject() {
        String project = "ml-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/api/v1/projects", "{\"key\":\"" + project + "\",\"name\":\"ML\"}").status())
                .isEqualTo(201);
        try (MlflowClient mlflow = client(baseUrl() + "/mlflow/" + project)) {
            String experimentId = mlflow.createExperiment("in-" + project);
            Service.RunInfo run = mlflow.createRun(experimentId);
            mlflow.logMetric(run.getRunId(), "loss", 0.1);
            assertThat(admin().get("/api/v1/experiments/" + experimentId).json().path("project").asString())
                    .isEqualTo(project);
            assertThat(mlflow.getExperimentByName("in-" + project)).isPresent();
        }
        try (MlflowClient defaultProject = client(baseUrl())) {
            assertThat(defaultProject.getExperimentByName("in-" + project)).isEmpty();
        }
    }

    @Test
    void mlflowLimitsAndErrorsUseMlflowCodes() {
        Api mlflow = api().bearer(token);
        String runId = mlflow.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"0\"}")
                .json().path("run").path("info").path("run_id").asString();

        StringBuilder metrics = new StringBuilder("{\"run_id\":\"" + runId + "\",\"metrics\":[");
        for (int i = 0; i <= 1000; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":")
                    .append(i).append('}');
        }
        Api.Response tooMany = mlflow.post("/api/2.0/mlflow/runs/log-batch", metrics.append("]}").toString());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(tooMany.json().path("message").asString()).contains("1000");

        Api.Response longKey = mlflow.post("/ajax-api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\":\"" + runId + "\",\"key\":\"" + "k".repeat(251) + "\",\"value\":\"v\"}");
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.json().path("message").asString()).contains("250");

        Api.Response longValue = mlflow.post("/api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\":\"" + runId + "\",\"key\":\"p\",\"value\":\"" + "v".repeat(6001) + "\"}");
        assertThat(longValue.json().path("message").asString()).contains("6000");

        Api.Response changed = mlflow.post("/api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\":\"" + runId + "\",\"key\":\"p\",\"value\":\"a\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(mlflow.post("/api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\":\"" + runId + "\",\"key\":\"p\",\"value\":\"b\"}").json().path("error_code").asString())
                .isEqualTo("INVALID_PARAMETER_VALUE");

        Api.Response missing = mlflow.get("/api/2.0/mlflow/runs/get?run_id=" + "f".repeat(32));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

        Api.Response badFilter = mlflow.post("/api/2.0/mlflow/runs/search",
                "{\"experiment_ids\":[\"0\"],\"filter\":\"metrics.m >\"}");
        assertThat(badFilter.status()).isEqualTo(400);
        JsonNode error = badFilter.json();
        assertThat(error.path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");

        // MLflow's Python client writes NaN as a bare token, which is not JSON but must be accepted
        Api.Response bareNan = mlflow.post("/api/2.0/mlflow/runs/log-metric",
                "{\"run_id\":\"" + runId + "\",\"key\":\"n\",\"value\":NaN,\"timestamp\":1,\"step\":0}");
        assertThat(bareNan.status()).as(bareNan.toString()).isEqualTo(200);

        Api.Response notJson = mlflow.post("/api/2.0/mlflow/runs/log-metric", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
}
