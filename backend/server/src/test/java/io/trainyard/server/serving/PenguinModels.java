package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.PenguinTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A penguins classifier registered under fresh model names, for the feedback and history tests: trained once
 * per test JVM (all these tests share one database and Spring context), since training is the slow part.
 */
final class PenguinModels {

    static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PenguinModels() {
    }

    /** A new model in the default project with the trained run as version 1; returns its name. */
    static String newModel(Api admin, EmbeddedExecutors embedded) throws Exception {
        String name = "penguins-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/projects/default/models", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/projects/default/models/" + name + "/versions",
                "{\"runId\":\"" + PenguinTraining.sharedRun(admin, embedded) + "\"}").status()).isEqualTo(201);
        return name;
    }

    /** Scores {@code count} rows of penguins.csv in one request; returns the predictions. */
    static List<JsonNode> predict(Api admin, String model, int count) throws Exception {
        Api.Response response = admin.post("/api/v1/projects/default/models/" + model + "/predict",
                JSON.writeValueAsString(Map.of("rows", rows(count))));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> predictions = new ArrayList<>();
        response.json().path("predictions").forEach(predictions::add);
        return predictions;
    }

    /** {@code count} penguins spread over the file (every 37th, wrapping around). */
    private static List<Map<String, Object>> rows(int count) throws Exception {
        List<Map<String, Object>> all = PenguinTraining.featureRows();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; rows.size() < count; i += 37) {
            rows.add(all.get(i % all.size()));
        }
        return rows;
    }
}
