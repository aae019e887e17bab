package io.trainyard.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Really trained penguins models for tests that need one: upload the shared data, launch, wait for success. */
public final class PenguinTraining {

    public static final Path CSV = Path.of("../../../shared/data/penguins.csv");
    /** Every feature of penguins.csv; the target is Species. */
    public static final List<String> FEATURES = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)",
            "Flipper Length (mm)", "Body Mass (g)", "Sex");

    /** A classifier on all {@link #FEATURES}, trained once per test JVM (one shared database and context). */
    private static String sharedDataset;
    private static String sharedRun;

    private PenguinTraining() {
    }

    /** Uploads penguins.csv as version 1 of a new dataset in the default project; returns the dataset's name. */
    public static String uploadDataset(Api admin, String prefix) throws IOException {
        String dataset = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response version = admin.upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "penguins.csv", Files.readAllBytes(CSV)));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);
        return dataset;
    }

    /**
     * Launches a training run of {@code configJson} on version 1 of the dataset and waits until it succeeded
     * (an embedded executor must be running); returns the run's id.
     */
    public static String train(Api admin, String dataset, String experiment, String configJson) {
        Api.Response submitted = admin.post("/api/v1/projects/default/training-runs", """
                {"experiment":"%s","name":"penguins","dataset":{"name":"%s","version":1},"config":%s}"""
                .formatted(experiment, dataset, configJson));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String runId = submitted.json().path("id").asString();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
                admin.get("/api/v1/runs/" + runId).json().path("status").asString().matches("succeeded|failed"));
        assertThat(admin.get("/api/v1/runs/" + runId).json().path("status").asString()).isEqualTo("succeeded");
        return runId;
    }

    /**
     * The shared run (trained on the first call, with an embedded executor started for it): a penguins
     * classifier on all {@link #FEATURES}, 15 epochs, on version 1 of {@link #sharedDataset()}.
     */
    public static synchronized String sharedRun(Api admin, EmbeddedExecutors embedded) throws IOException {
        if (sharedRun == null) {
            sharedDataset = uploadDataset(admin, "penguins-shared");
            embedded.startWorkers(1);
            try {
                sharedRun = train(admin, sharedDataset, "shared", """
                        {"task":"classification","target":"Species","features":["Island","Beak Length (mm)",
                         "Beak Depth (mm)","Flipper Length (mm)","Body Mass (g)","Sex"],"epochs":15}""");
            } finally {
                embedded.stopWorkers();
            }
        }
        return sharedRun;
    }

    /** The dataset the shared run was trained on (null before {@link #sharedRun}). */
    public static synchronized String sharedDataset() {
        return sharedDataset;
    }

    /** Every penguin of the file, in file order, as a predict row of {@link #FEATURES} (null for missing). */
    public static List<Map<String, Object>> featureRows() throws IOException {
        List<String> lines = Files.readAllLines(CSV);
        List<String> header = List.of(lines.get(0).split(","));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
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

    /** Each penguin's species, in file order (aligned with {@link #featureRows()}). */
    public static List<String> species() throws IOException {
        List<String> lines = Files.readAllLines(CSV);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)[0]).toList();
    }
}
