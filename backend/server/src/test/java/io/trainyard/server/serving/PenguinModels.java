package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.PenguinTraining;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    static final List<String> FEATURES = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)",
            "Flipper Length (mm)", "Body Mass (g)", "Sex");
    static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String trainedRunId;

    private PenguinModels() {
    }

    /** A new model in the default project with the trained run as version 1; returns its name. */
    static String newModel(Api admin, EmbeddedExecutors embedded) throws Exception {
        String name = "penguins-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/projects/default/models", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/projects/default/models/" + name + "/versions",
                "{\"runId\":\"" + trainedRun(admin, embedded) + "\"}").status()).isEqualTo(201);
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

    private static synchronized String trainedRun(Api admin, EmbeddedExecutors embedded) throws Exception {
        if (trainedRunId == null) {
            String dataset = PenguinTraining.uploadDataset(admin, "penguins-feedback");
            embedded.startWorkers(1);
            try {
                trainedRunId = PenguinTraining.train(admin, dataset, "feedback", """
                        {"task":"classification","target":"Species","features":%s,"epochs":15}"""
                        .formatted(JSON.writeValueAsString(FEATURES)));
            } finally {
                embedded.stopWorkers();
            }
        }
        return trainedRunId;
    }

    private static List<Map<String, Object>> rows(int count) throws Exception {
        List<String> lines = Files.readAllLines(PenguinTraining.CSV);
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; rows.size() < count; i += 37) {
            String[] cells = lines.get(1 + (i - 1) % (lines.size() - 1)).split(",", -1);
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
}
