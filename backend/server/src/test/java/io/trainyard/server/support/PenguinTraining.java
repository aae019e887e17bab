package io.trainyard.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Really trained penguins models for tests that need one: upload the shared data, launch, wait for success. */
public final class PenguinTraining {

    public static final Path CSV = Path.of("../../../shared/data/penguins.csv");

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
}
