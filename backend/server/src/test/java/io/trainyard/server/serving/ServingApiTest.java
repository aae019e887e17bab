package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.serving.log.PredictionLog;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.PenguinTraining;
import io.trainyard.training.bundle.Prediction;
import io.trainyard.training.bundle.Predictor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The predict endpoint on a really trained penguins model: same answers as the Predictor, checks, the log. */
class ServingApiTest extends IntegrationTest {

    private static final List<String> FEATURES = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)",
            "Flipper Length (mm)", "Body Mass (g)", "Sex");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct-horse-battery";
    /** One trained run for the whole class: training is the slow part. */
    private static String trainedRunId;

    @Autowired
    EmbeddedExecutors embedded;
    @Autowired
    PredictionLog predictionLog;
    @Autowired
    JdbcClient jdbc;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private synchronized String trainedRun() throws Exception {
        if (trainedRunId != null) {
            return trainedRunId;
        }
        String dataset = PenguinTraining.uploadDataset(admin(), "penguins-serve");
        embedded.startWorkers(1);
        try {
            trainedRunId = PenguinTraining.train(admin(), dataset, "serving", """
                    {"task":"classification","target":"Species","features":%s,"epochs":15}"""
                    .formatted(JSON.writeValueAsString(FEATURES)));
            return trainedRunId;
        } finally {
            embedded.stopWorkers();
        }
    }

    private String newModel() throws Exception {
        String name = "penguins-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/api/v1/projects/default/models", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(201);
        assertThat(admin().post("/api/v1/projects/default/models/" + name + "/versions",
                "{\"runId\":\"" + trainedRun() + "\"}").status()).isEqualTo(201);
        return name;
    }

    private static List<Map<String, Object>> penguinRows(int count) throws Exception {
        List<String> lines = Files.readAllLines(PenguinTraining.CSV);
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; rows.size() < count; i += 37) {
            String[] cells = lines.get(i).split(",", -1);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String feature : FEATURES) {
                String cell = cells[header.indexOf(feature)];
                boolean numeric = !feature.equals("Island") && !feature.equals("Sex");
                row.put(feature, cell.isEmpty() || cell.equals("NA") ? null
                        : numeric ? (Object) Double.parseDouble(cell) : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    private Api.Response predict(String model, String query, Object rows) {
        return admin().post("/api/v1/projects/default/models/" + model + "/predict" + query,
                JSON.writeValueAsString(Map.of("rows", rows)));
    }

    @Test
    void predictionsEqualThePredictorsAndAreLogged() throws Exception {
        String model = newModel();
        assertThat(admin().put("/api/v1/projects/default/models/" + model + "/aliases/champion", "{\"version\":1}")
                .status()).isEqualTo(200);
        List<Map<String, Object>> rows = penguinRows(8);
        Api.Response response = predict(model, "?alias=champion", rows);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("modelVersion").asInt()).isEqualTo(1);
        JsonNode predictions = response.json().path("predictions");
        assertThat(predictions).hasSize(8);

        byte[] bundle = download("/api/v1/runs/" + trainedRun() + "/artifacts/model/bundle.zip");
        Path file = Files.createTempFile("bundle", ".zip");
        Files.write(file, bundle);
        try (Predictor predictor = Predictor.load(file)) {
            List<Map<String, String>> asText = new ArrayList<>();
            rows.forEach(r -> {
                Map<String, String> row = new LinkedHashMap<>();
                r.forEach((k, v) -> row.put(k, v == null ? null : v.toString()));
                asText.add(row);
            });
            List<Prediction> expected = predictor.predict(asText);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode actual = predictions.get(i);
                assertThat(actual.path("label").asString()).isEqualTo(expected.get(i).label());
                for (Map.Entry<String, Double> p : expected.get(i).probabilities().entrySet()) {
                    assertThat(actual.path("probabilities").path(p.getKey()).asDouble()).isCloseTo(p.getValue(),
                            within(1e-9));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }

        assertThat(predictionLog.flush(10_000)).isTrue();
        String firstId = predictions.get(0).path("predictionId").asString();
        Map<String, Object> logged = jdbc.sql("select model_name, version, features::text as features, "
                + "output::text as output from prediction_log where id = cast(? as uuid)").param(firstId)
                .query().singleRow();
        assertThat(logged.get("model_name")).isEqualTo(model);
        assertThat(logged.get("version")).isEqualTo(1);
        assertThat(JSON.readTree((String) logged.get("features")).path("Island").asString())
                .isEqualTo(rows.get(0).get("Island"));
        assertThat(JSON.readTree((String) logged.get("output")).path("label").asString())
                .isEqualTo(predictions.get(0).path("label").asString());
        List<String> ids = new ArrayList<>();
        predictions.forEach(p -> ids.add(p.path("predictionId").asString()));
        assertThat(jdbc.sql("select count(*) from prediction_log where id = any(cast(? as uuid[]))")
                .param(ids.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Long.class).single())
                .isEqualTo(8);
    }

    @Test
    void theCacheFollowsAliasChanges() throws Exception {
        String model = newModel();
        admin().post("/api/v1/projects/default/models/" + model + "/versions", "{\"runId\":\"" + trainedRun() + "\"}");
        String alias = "/api/v1/projects/default/models/" + model + "/aliases/prod";
        admin().put(alias, "{\"version\":1}");
        assertThat(predict(model, "?alias=prod", penguinRows(1)).json().path("modelVersion").asInt()).isEqualTo(1);
        admin().put(alias, "{\"version\":2}");
        assertThat(predict(model, "?alias=prod", penguinRows(1)).json().path("modelVersion").asInt()).isEqualTo(2);
        assertThat(predict(model, "?version=1", penguinRows(1)).json().path("modelVersion").asInt()).isEqualTo(1);
        assertThat(predict(model, "", penguinRows(1)).json().path("modelVersion").asInt()).as("latest").isEqualTo(2);
    }

    /** The registry caches what an alias names (one query less per prediction): never past a change, never past
     * the caller's rights. */
    @Test
    void aliasChangesTakeEffectAtOnceAndAccessIsCheckedOnEveryRequest() throws Exception {
        String model = newModel();
        admin().post("/api/v1/projects/default/models/" + model + "/versions", "{\"runId\":\"" + trainedRun() + "\"}");
        String alias = "/api/v1/projects/default/models/" + model + "/aliases/live";
        for (int version : new int[] {1, 2, 1, 2}) {
            assertThat(admin().put(alias, "{\"version\":" + version + "}").status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) { // the first answer fills the cache, the others come from it
                assertThat(predict(model, "?alias=live", penguinRows(1)).json().path("modelVersion").asInt())
                        .isEqualTo(version);
            }
        }

        String outsider = "outsider-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/api/v1/users", "{\"username\":\"" + outsider + "\",\"password\":\"" + PASSWORD
                + "\"}").status()).isEqualTo(201);
        Api.Response refused = api().basic(outsider, PASSWORD).post("/api/v1/projects/default/models/" + model
                + "/predict?alias=live", JSON.writeValueAsString(Map.of("rows", penguinRows(1))));
        assertThat(refused.status()).as("no member of the project, alias cached").isEqualTo(404);

        assertThat(admin().delete(alias).status()).isEqualTo(204);
        assertThat(predict(model, "?alias=live", penguinRows(1)).status()).as("deleted alias").isEqualTo(404);
        assertThat(admin().put(alias, "{\"version\":1}").status()).isEqualTo(200);
        assertThat(predict(model, "?alias=live", penguinRows(1)).json().path("modelVersion").asInt()).isEqualTo(1);
    }

    @Test
    void badRowsAreRefusedNamingTheFeature() throws Exception {
        String model = newModel();
        Map<String, Object> row = penguinRows(1).get(0);

        Map<String, Object> missing = new LinkedHashMap<>(row);
        missing.remove("Beak Length (mm)");
        assertProblem(predict(model, "", List.of(row, missing)), 400, "rows[1].Beak Length (mm)");
        Map<String, Object> wrongType = new LinkedHashMap<>(row);
        wrongType.put("Body Mass (g)", "heavy");
        assertProblem(predict(model, "", List.of(wrongType)), 400, "rows[0].Body Mass (g)");
        Map<String, Object> nested = new LinkedHashMap<>(row);
        nested.put("Island", Map.of("name", "Biscoe"));
        assertProblem(predict(model, "", List.of(nested)), 400, "rows[0].Island");
        assertProblem(predict(model, "", List.of()), 400, "rows");
        assertProblem(predict(model, "?alias=a&version=1", List.of(row)), 400, "alias");
        assertThat(predict(model, "?alias=nope", List.of(row)).status()).isEqualTo(404);
        assertThat(predict("no-such-model", "", List.of(row)).status()).isEqualTo(404);

        Map<String, Object> unknown = new LinkedHashMap<>(row);
        unknown.put("Island", "Atlantis");
        unknown.put("Sex", null);
        Api.Response scored = predict(model, "", List.of(unknown, row));
        assertThat(scored.status()).as(scored.toString()).isEqualTo(200);
        assertThat(scored.json().path("unknownCategories").path("Island").asLong()).isEqualTo(1);
        assertThat(scored.json().path("predictions")).hasSize(2);
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString()).as(response.toString())
                .isEqualTo(field);
    }

    private byte[] download(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
