package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ground truth for the predictions of a really trained penguins model: storing, correcting, refusing. */
class FeedbackApiTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EmbeddedExecutors embedded;
    @Autowired
    JdbcClient jdbc;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private Api.Response feedback(Api caller, String model, Object body) {
        return caller.post("/api/v1/projects/default/models/" + model + "/feedback", JSON.writeValueAsString(body));
    }

    private static Map<String, Object> item(String predictionId, Object label) {
        return label == null ? Map.of("predictionId", predictionId)
                : Map.of("predictionId", predictionId, "label", label);
    }

    private static String id(JsonNode prediction) {
        return prediction.path("predictionId").asString();
    }

    private String storedLabel(String predictionId) {
        return jdbc.sql("select label from prediction_feedback where prediction_id = cast(? as uuid)")
                .param(predictionId).query(String.class).optional().orElse(null);
    }

    private long storedCount(List<String> predictionIds) {
        return jdbc.sql("select count(*) from prediction_feedback where prediction_id = any(cast(? as uuid[]))")
                .param(predictionIds.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Long.class).single();
    }

    @Test
    void singleAndBatchFeedbackIsStoredAndACorrectionReplacesIt() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        // feedback right after predicting: the log is written asynchronously, the endpoint waits for it
        List<JsonNode> predictions = PenguinModels.predict(admin(), model, 3);

        Api.Response single = feedback(admin(), model, item(id(predictions.get(0)), "Adelie"));
        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(single.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(single.json().path("unknownLabels").asInt()).isZero();
        assertThat(storedLabel(id(predictions.get(0)))).isEqualTo("Adelie");

        Api.Response batch = feedback(admin(), model, Map.of("feedback", List.of(
                item(id(predictions.get(1)), "Gentoo"), item(id(predictions.get(2)), "  Chinstrap "))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        assertThat(batch.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(batch.json().path("unknownLabels").asInt()).isZero();
        assertThat(storedLabel(id(predictions.get(1)))).isEqualTo("Gentoo");
        assertThat(storedLabel(id(predictions.get(2)))).isEqualTo("Chinstrap");

        Api.Response correction = feedback(admin(), model, item(id(predictions.get(0)), "Gentoo"));
        assertThat(correction.status()).as(correction.toString()).isEqualTo(200);
        assertThat(storedLabel(id(predictions.get(0)))).isEqualTo("Gentoo");
        Map<String, Object> row = jdbc.sql("""
                        select f.received_by, f.model_id = l.model_id as same_model, f.predicted_at = l.predicted_at
                               as same_time
                        from prediction_feedback f join prediction_log l on l.id = f.prediction_id
                        where f.prediction_id = cast(? as uuid)""")
                .param(id(predictions.get(0))).query().singleRow();
        assertThat(row).containsEntry("received_by", "admin").containsEntry("same_model", true)
                .containsEntry("same_time", true);
        assertThat(storedCount(predictions.stream().map(FeedbackApiTest::id).toList())).isEqualTo(3);

        // the same prediction twice in one batch: the later item wins, as a later request would
        Api.Response twice = feedback(admin(), model, Map.of("feedback", List.of(
                item(id(predictions.get(1)), "Adelie"), item(id(predictions.get(1)), "Chinstrap"))));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(200);
        assertThat(twice.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(storedLabel(id(predictions.get(1)))).isEqualTo("Chinstrap");
    }

    @Test
    void labelsThatAreNoClassOfTheModelAreStoredAndCounted() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        List<JsonNode> predictions = PenguinModels.predict(admin(), model, 3);

        Api.Response response = feedback(admin(), model, Map.of("feedback", List.of(
                item(id(predictions.get(0)), "Emperor"), item(id(predictions.get(1)), 2.50),
                item(id(predictions.get(2)), "Gentoo"))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(response.json().path("unknownLabels").asInt()).isEqualTo(2);
        assertThat(storedLabel(id(predictions.get(0)))).isEqualTo("Emperor");
        assertThat(storedLabel(id(predictions.get(1)))).as("numbers in plain decimal form").isEqualTo("2.5");
    }

    @Test
    void aPredictionThatIsNotThisModelsIsNotFoundNamingTheField() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        String other = PenguinModels.newModel(admin(), embedded);
        String mine = id(PenguinModels.predict(admin(), model, 1).get(0));
        String theirs = id(PenguinModels.predict(admin(), other, 1).get(0));

        assertProblem(feedback(admin(), model, item(UUID.randomUUID().toString(), "Adelie")), 404, "predictionId");
        assertProblem(feedback(admin(), model, item(theirs, "Adelie")), 404, "predictionId");
        assertProblem(feedback(admin(), model, Map.of("feedback", List.of(item(mine, "Adelie"),
                item(theirs, "Adelie")))), 404, "feedback[1].predictionId");
        assertThat(storedCount(List.of(mine, theirs))).as("nothing stored").isZero();
        assertThat(feedback(admin(), "no-such-model", item(mine, "Adelie")).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        List<JsonNode> predictions = PenguinModels.predict(admin(), model, 2);
        String good = id(predictions.get(0));

        assertProblem(feedback(admin(), model, item("not-a-uuid", "Adelie")), 400, "predictionId");
        assertProblem(feedback(admin(), model, item("1-2-3-4-5", "Adelie")), 400, "predictionId");
        assertProblem(feedback(admin(), model, Map.of("label", "Adelie")), 400, "predictionId");
        assertProblem(feedback(admin(), model, item(good, null)), 400, "label");
        assertProblem(feedback(admin(), model, item(good, "   ")), 400, "label");
        assertProblem(feedback(admin(), model, item(good, true)), 400, "label");
        assertProblem(feedback(admin(), model, item(good, Map.of("species", "Adelie"))), 400, "label");
        assertProblem(feedback(admin(), model, item(good, List.of("Adelie"))), 400, "label");
        assertProblem(feedback(admin(), model, Map.of("feedback", List.of())), 400, "feedback");
        assertProblem(feedback(admin(), model, Map.of("feedback", "Adelie")), 400, "feedback");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(item(good, "Adelie"));
        }
        assertProblem(feedback(admin(), model, Map.of("feedback", tooMany)), 400, "feedback");
        assertProblem(feedback(admin(), model, Map.of("feedback", List.of(item(good, "Adelie"),
                item(id(predictions.get(1)), "")))), 400, "feedback[1].label");
        assertProblem(feedback(admin(), model, Map.of("feedback", List.of(item(good, "Adelie"),
                item("nope", "Adelie")))), 400, "feedback[1].predictionId");
        assertProblem(feedback(admin(), model, Map.of("predictionId", good, "label", "Adelie",
                "feedback", List.of(item(good, "Adelie")))), 400, "feedback");
        assertThat(admin().post("/api/v1/projects/default/models/" + model + "/feedback", "{\"predictionId\":")
                .status()).isEqualTo(400);
        assertThat(storedCount(List.of(good, id(predictions.get(1))))).as("nothing stored").isZero();

        // the full batch size is accepted
        List<Map<String, Object>> most = new ArrayList<>(tooMany.subList(0, 10_000));
        assertThat(feedback(admin(), model, Map.of("feedback", most)).json().path("accepted").asInt())
                .isEqualTo(10_000);
    }

    @Test
    void aRegressionsLabelMustBeANumber() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        // the trained model is a classifier: a regression's log entry is written as the log writer would
        UUID prediction = UUID.randomUUID();
        jdbc.sql("""
                        insert into prediction_log (id, project_id, model_id, model_name, version, features, output,
                                                    predicted_at)
                        select ?, m.project_id, m.id, m.name, 1, cast('{}' as jsonb),
                               cast('{"value": 4200.5}' as jsonb), now()
                        from registered_models m
                        where m.name = ?""")
                .params(prediction, model).update();

        assertProblem(feedback(admin(), model, item(prediction.toString(), "heavy")), 400, "label");
        assertThat(storedLabel(prediction.toString())).isNull();
        Api.Response number = feedback(admin(), model, item(prediction.toString(), 4100.25));
        assertThat(number.status()).as(number.toString()).isEqualTo(200);
        assertThat(number.json().path("unknownLabels").asInt()).isZero();
        assertThat(storedLabel(prediction.toString())).isEqualTo("4100.25");
    }

    @Test
    void viewersMayNotSendFeedbackEditorsMay() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        String prediction = id(PenguinModels.predict(admin(), model, 1).get(0));
        String user = "feedback-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"correct-horse-battery\"}");
        Api member = api().basic(user, "correct-horse-battery");

        assertThat(feedback(member, model, item(prediction, "Adelie")).status()).as("no member").isEqualTo(404);
        admin().put("/api/v1/projects/default/members/" + user, "{\"role\":\"viewer\"}");
        assertThat(feedback(member, model, item(prediction, "Adelie")).status()).isEqualTo(403);
        assertThat(storedLabel(prediction)).isNull();
        admin().put("/api/v1/projects/default/members/" + user, "{\"role\":\"editor\"}");
        assertThat(feedback(member, model, item(prediction, "Adelie")).status()).isEqualTo(200);
        assertThat(jdbc.sql("select received_by from prediction_feedback where prediction_id = cast(? as uuid)")
                .param(prediction).query(String.class).single()).isEqualTo(user);
    }

    @Test
    void theEndpointIsInTheApiDescription() {
        JsonNode docs = admin().get("/v3/api-docs").json();
        JsonNode post = docs.path("paths").path("/api/v1/projects/{project}/models/{name}/feedback").path("post");
        assertThat(post.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
                .asString()).endsWith("/FeedbackRequest");
        assertThat(docs.path("components").path("schemas").path("FeedbackItem").path("properties").has("label"))
                .isTrue();
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString()).as(response.toString())
                .isEqualTo(field);
    }
}
