package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The prediction history facade: windows, order, limits keeping the newest, labels, and fresh predictions. */
class PredictionHistoryTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @Autowired
    PredictionHistory history;
    @Autowired
    EmbeddedExecutors embedded;
    @Autowired
    JdbcClient jdbc;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void predictionsJustMadeAndTheirFeedbackAreRead() throws Exception {
        String model = PenguinModels.newModel(admin(), embedded);
        long modelId = jdbc.sql("select id from registered_models where name = ?").param(model)
                .query(Long.class).single();
        Instant before = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // one request each, so each has its own time
            ids.add(PenguinModels.predict(admin(), model, 1).get(0).path("predictionId").asString());
        }
        Instant after = Instant.now().plusSeconds(1);

        // no flush here: the facade waits for the asynchronous log itself
        List<PastPrediction> latest = history.latest(modelId, 2);
        assertThat(latest).extracting(p -> p.id().toString()).containsExactly(ids.get(1), ids.get(2));
        PastPrediction newest = latest.get(1);
        assertThat(newest.version()).isEqualTo(1);
        assertThat(JSON.readTree(newest.featuresJson()).has("Island")).isTrue();
        JsonNode output = JSON.readTree(newest.outputJson());
        assertThat(PenguinModels.SPECIES).contains(output.path("label").asString());
        assertThat(output.path("probabilities").size()).isEqualTo(3);
        assertThat(history.count(modelId, before, after)).isEqualTo(3);
        assertThat(history.between(modelId, before, after, 10)).extracting(p -> p.id().toString())
                .containsExactlyElementsOf(ids);

        Api.Response feedback = admin().post("/api/v1/projects/default/models/" + model + "/feedback",
                "{\"predictionId\":\"" + ids.get(0) + "\",\"label\":\"Gentoo\"}");
        assertThat(feedback.status()).as(feedback.toString()).isEqualTo(200);
        List<LabelledPrediction> labelled = history.labelled(modelId, before, after, 10);
        assertThat(labelled).hasSize(1);
        assertThat(labelled.get(0).id().toString()).isEqualTo(ids.get(0));
        assertThat(labelled.get(0).label()).isEqualTo("Gentoo");
        assertThat(labelled.get(0).outputJson()).isEqualTo(history.latest(modelId, 3).get(0).outputJson());
    }

    @Test
    void windowsAreHalfOpenOldestFirstAndTheLimitKeepsTheNewest() {
        long modelId = freshModelId();
        long otherModel = freshModelId();
        // ten predictions a minute apart, and one of another model in between
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(log(modelId, T0.plus(i, ChronoUnit.MINUTES)));
        }
        log(otherModel, T0.plus(5, ChronoUnit.MINUTES));

        Instant from = T0.plus(2, ChronoUnit.MINUTES);
        Instant to = T0.plus(7, ChronoUnit.MINUTES);
        assertThat(history.count(modelId, from, to)).as("[2, 7)").isEqualTo(5);
        assertThat(history.between(modelId, from, to, 100)).extracting(PastPrediction::id)
                .containsExactlyElementsOf(ids.subList(2, 7));
        assertThat(history.between(modelId, from, to, 2)).extracting(PastPrediction::id)
                .as("the newest two, oldest first").containsExactly(ids.get(5), ids.get(6));
        assertThat(history.between(modelId, to, from, 10)).isEmpty();
        assertThat(history.count(modelId, to, from)).isZero();

        assertThat(history.latest(modelId, 3)).extracting(PastPrediction::id)
                .containsExactlyElementsOf(ids.subList(7, 10));
        assertThat(history.latest(modelId, 100)).extracting(PastPrediction::id).containsExactlyElementsOf(ids);
        List<PastPrediction> latest = history.latest(modelId, 100);
        assertThat(latest.get(0).predictedAt()).isEqualTo(T0);
        assertThat(latest.get(0).featuresJson()).isEqualTo("{\"x\": 0}");
        assertThat(latest.get(0).outputJson()).isEqualTo("{\"value\": 0.5}");

        label(ids.get(1), "a");
        label(ids.get(3), "b");
        label(ids.get(4), "c");
        label(ids.get(6), "d");
        label(ids.get(7), "e");
        assertThat(history.labelled(modelId, from, to, 100))
                .extracting(LabelledPrediction::id, LabelledPrediction::label)
                .containsExactly(Tuple.tuple(ids.get(3), "b"), Tuple.tuple(ids.get(4), "c"),
                        Tuple.tuple(ids.get(6), "d"));
        assertThat(history.labelled(modelId, from, to, 2)).extracting(LabelledPrediction::label)
                .containsExactly("c", "d");
        assertThat(history.labelled(otherModel, T0, to, 10)).isEmpty();
    }

    @Test
    void predictionsOfTheSameInstantAreCutByIdAndReadInTheSameOrder() {
        long modelId = freshModelId();
        Instant at = T0.plus(1, ChronoUnit.HOURS);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(log(modelId, at));
        }
        ids.sort(Comparator.comparing(UUID::toString));
        List<UUID> newestThree = history.between(modelId, at, at.plusMillis(1), 3).stream()
                .map(PastPrediction::id).toList();
        assertThat(newestThree).containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(history.latest(modelId, 3)).extracting(PastPrediction::id)
                .containsExactlyElementsOf(newestThree);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> history.latest(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.between(1, T0, T0.plus(Duration.ofHours(1)), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A model id no registered model has (the log keeps ids, not foreign keys), so rows are this test's own. */
    private static long freshModelId() {
        return -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    private UUID log(long modelId, Instant at) {
        UUID id = UUID.randomUUID();
        int x = (int) Duration.between(T0, at).toMinutes();
        jdbc.sql("""
                        insert into prediction_log (id, project_id, model_id, model_name, version, features, output,
                                                    predicted_at)
                        select ?, id, ?, 'history-test', 1, cast(? as jsonb), cast(? as jsonb), ?
                        from projects where key = 'default'""")
                .params(id, modelId, "{\"x\": " + x + "}", "{\"value\": 0.5}",
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
        return id;
    }

    private void label(UUID prediction, String label) {
        jdbc.sql("""
                        insert into prediction_feedback (prediction_id, project_id, model_id, predicted_at, label,
                                                         received_at, received_by)
                        select id, project_id, model_id, predicted_at, ?, now(), 'test'
                        from prediction_log where id = ?""")
                .params(label, prediction).update();
    }
}
