package io.trainyard.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.Multipart;
import io.trainyard.server.support.PenguinTraining;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A really trained penguins model for the monitoring tests, registered under a fresh name with the alias
 * {@code champion}; penguin rows as predict requests, as they are or shifted; dataset versions to compare.
 */
final class PenguinMonitoring {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PenguinMonitoring() {
    }

    /** The dataset the shared penguins run was trained on. */
    static String dataset() {
        return PenguinTraining.sharedDataset();
    }

    /** A new model with version 1 from the trained run, held by {@code champion}; returns its name. */
    static String championModel(Api admin, EmbeddedExecutors embedded) throws Exception {
        String run = PenguinTraining.sharedRun(admin, embedded);
        String name = "penguins-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/projects/default/models", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/projects/default/models/" + name + "/versions",
                "{\"runId\":\"" + run + "\"}").status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/projects/default/models/" + name + "/aliases/champion", "{\"version\":1}")
                .status()).isEqualTo(200);
        return name;
    }

    /** Every penguin as a predict row (with its species alongside, for feedback), optionally changed. */
    static List<Map<String, Object>> rows(UnaryOperator<Map<String, Object>> change) throws Exception {
        List<Map<String, Object>> features = PenguinTraining.featureRows();
        List<String> species = PenguinTraining.species();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>(features.get(i));
            row.put("species", species.get(i));
            rows.add(change.apply(row));
        }
        return rows;
    }

    /** {@code n} rows spread evenly over the file (it is sorted by species, so a prefix is not representative). */
    static List<Map<String, Object>> spread(List<Map<String, Object>> rows, int n) {
        List<Map<String, Object>> picked = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            picked.add(rows.get((int) ((long) k * rows.size() / n)));
        }
        return picked;
    }

    /** Heavier, longer-flippered penguins, all on one island: what a changed world looks like. */
    static Map<String, Object> shifted(Map<String, Object> row) {
        Map<String, Object> changed = new LinkedHashMap<>(row);
        changed.computeIfPresent("Body Mass (g)", (k, v) -> ((Double) v) + 1500);
        changed.computeIfPresent("Flipper Length (mm)", (k, v) -> ((Double) v) + 25);
        changed.computeIfPresent("Beak Length (mm)", (k, v) -> ((Double) v) + 8);
        changed.put("Island", "Torgersen");
        return changed;
    }

    /** Predicts the rows through the alias; returns the prediction ids in row order. */
    static List<String> predict(Api admin, String model, List<Map<String, Object>> rows) {
        List<Map<String, Object>> features = rows.stream().map(r -> {
            Map<String, Object> f = new LinkedHashMap<>(r);
            f.remove("species");
            return f;
        }).toList();
        Api.Response response = admin.post("/api/v1/projects/default/models/" + model + "/predict?alias=champion",
                JSON.writeValueAsString(Map.of("rows", features)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("predictions").forEach(p -> ids.add(p.path("predictionId").asString()));
        return ids;
    }

    /** Uploads the CSV text as the next version of {@code name} (created if new); returns the version number. */
    static int upload(Api admin, String name, String csv) {
        admin.post("/api/v1/projects/default/datasets", "{\"name\":\"" + name + "\"}");
        Api.Response version = admin.upload("/api/v1/projects/default/datasets/" + name + "/versions",
                new Multipart().file("file", name + ".csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(version.status()).as(version.toString()).isIn(200, 201);
        return version.json().path("version").asInt();
    }

    /** The penguins CSV with each data line changed (the header kept). */
    static String csv(UnaryOperator<String[]> change) throws Exception {
        List<String> lines = Files.readAllLines(PenguinTraining.CSV);
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            out.append(String.join(",", change.apply(line.split(",", -1)))).append('\n');
        }
        return out.toString();
    }
}
