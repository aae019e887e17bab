package io.trainyard.executor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.RunStatus;
import io.trainyard.executor.Executor;
import io.trainyard.executor.JobStoppedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingJobHandlerTest {

    static final RunTelemetry.Options FAST = new RunTelemetry.Options(Duration.ofMillis(100), 1_000, 100_000,
            Duration.ofMillis(300), 1_000_000, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10));

    static String config(int epochs, String extra) {
        return """
                {"task":"classification","target":"Species",
                 "features":["Island","Beak Length (mm)","Beak Depth (mm)","Flipper Length (mm)","Body Mass (g)","Sex"],
                 "epochs":%d%s}""".formatted(epochs, extra);
    }

    static TrainingJobHandler handler(FakeTrainingApi api) {
        return new TrainingJobHandler(context -> api, FAST, ArtifactCheckpointStore.MIN_INTERVAL);
    }

    @Test
    void registeredWithTheServiceLoader() {
        assertThat(Executor.discoverHandlers()).extracting(h -> h.kind()).contains("training", "diagnostic");
    }

    @Test
    void trainsPenguinsAndWritesMetricsArtifactsAndTags() throws Exception {
        FakeTrainingApi api = new FakeTrainingApi();
        FakeJobContext context = new FakeJobContext(
                config(40, ",\"evaluation\":{\"groupBy\":\"Island\",\"minGroupSize\":1}"), 1, e -> false, e -> false);

        handler(api).run(context);

        assertThat(api.statuses).containsExactly(RunStatus.RUNNING, RunStatus.SUCCEEDED);
        assertThat(api.batches).isNotEmpty();
        assertThat(api.batches.size()).isLessThan(api.points().size());
        assertThat(api.batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, 1_000));
        int epochs = Integer.parseInt(api.tags.get("trainyard.epochs"));
        assertThat(api.points("val_loss")).extracting(MetricPoint::step)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, epochs).boxed().toList());
        assertThat(api.points("test_accuracy")).singleElement()
                .satisfies(p -> {
                    assertThat(p.value()).isGreaterThanOrEqualTo(0.95);
                    assertThat(p.step()).isEqualTo((long) epochs);
                });
        assertThat(api.artifacts).containsKeys(TrainingJobHandler.BUNDLE_PATH, "evaluation/confusion_matrix.json",
                "evaluation/per_class.json", "evaluation/subgroups.json", "evaluation/summary.json",
                RunTelemetry.LOG_PATH, ArtifactCheckpointStore.PATH);
        String summary = new String(api.artifacts.get("evaluation/summary.json"), StandardCharsets.UTF_8);
        assertThat(summary).contains("\"droppedMissingTarget\"", "\"rowsPerSecond\"", "\"test_accuracy\"");
        assertThat(new String(api.artifacts.get(RunTelemetry.LOG_PATH), StandardCharsets.UTF_8))
                .contains("dataset penguins v1: 344 rows", "completed after");
        assertThat(api.tags).containsKeys("trainyard.device", "trainyard.executor", "trainyard.attempt",
                "trainyard.duration_s", "trainyard.rows_per_s").containsEntry("trainyard.metrics.dropped", "0")
                .containsEntry("trainyard.split.fingerprint", "f".repeat(64))
                .containsEntry("trainyard.executor", "test-executor");
        assertThat(context.progress).contains("epoch 1/40");
    }

    @Test
    void cancelEndsTheRunCancelledWithoutABundle() throws Exception {
        FakeTrainingApi api = new FakeTrainingApi();
        FakeJobContext context = new FakeJobContext(config(30, ""), 1, e -> e >= 2, e -> false);

        handler(api).run(context); // returns normally: the engine completes the job as cancelled

        assertThat(api.statuses).containsExactly(RunStatus.RUNNING, RunStatus.CANCELLED);
        assertThat(api.artifacts).doesNotContainKey(TrainingJobHandler.BUNDLE_PATH)
                .containsKey(RunTelemetry.LOG_PATH);
        assertThat(new String(api.artifacts.get(RunTelemetry.LOG_PATH), StandardCharsets.UTF_8)).contains("cancelled");
    }

    @Test
    void stopCheckpointsAndTheNextAttemptResumes() throws Exception {
        FakeTrainingApi api = new FakeTrainingApi();
        String config = config(12, ",\"earlyStopping\":{\"patience\":0}");
        FakeJobContext first = new FakeJobContext(config, 1, e -> false, e -> e >= 3);

        assertThatThrownBy(() -> handler(api).run(first)).isInstanceOf(JobStoppedException.class);
        assertThat(api.statuses).containsExactly(RunStatus.RUNNING);
        assertThat(api.artifacts).containsKey(ArtifactCheckpointStore.PATH)
                .doesNotContainKey(TrainingJobHandler.BUNDLE_PATH);
        int stoppedAt = api.points("val_loss").size();
        assertThat(stoppedAt).isBetween(3, 11);

        // released without spending an attempt, or retried: either way the checkpoint is read back
        FakeJobContext second = new FakeJobContext(config, 1, e -> false, e -> false);
        handler(api).run(second);

        assertThat(api.statuses).containsExactly(RunStatus.RUNNING, RunStatus.RUNNING, RunStatus.SUCCEEDED);
        assertThat(api.tags).containsEntry("trainyard.epochs", "12");
        assertThat(second.progress.stream().filter(m -> m.startsWith("epoch ")).toList())
                .hasSizeLessThan(12).doesNotContain("epoch 1/12").contains("epoch 12/12");
        assertThat(new String(api.artifacts.get(RunTelemetry.LOG_PATH), StandardCharsets.UTF_8))
                .contains("resumed from checkpoint after epoch " + stoppedAt);
        assertThat(api.artifacts).containsKey(TrainingJobHandler.BUNDLE_PATH);
    }

    @Test
    void metricSinkFailuresDoNotFailTraining() throws Exception {
        FakeTrainingApi api = new FakeTrainingApi();
        api.metricFailuresLeft.set(4);
        FakeJobContext context = new FakeJobContext(config(10, ",\"earlyStopping\":{\"patience\":0}"), 1,
                e -> false, e -> false);

        handler(api).run(context);

        assertThat(api.metricFailures.get()).isEqualTo(4);
        assertThat(api.statuses).containsExactly(RunStatus.RUNNING, RunStatus.SUCCEEDED);
        assertThat(api.points("val_loss")).hasSize(10);
        assertThat(api.tags).containsEntry("trainyard.metrics.dropped", "0");
    }

    @Test
    void anInvalidConfigFailsTheJobAndTagsTheRunWithTheProblems() {
        FakeTrainingApi api = new FakeTrainingApi();
        FakeJobContext context = new FakeJobContext("""
                {"task":"classification","target":"Nope","features":["Island"],"epochs":2}""", 1,
                e -> false, e -> false);

        assertThatThrownBy(() -> handler(api).run(context)).isInstanceOf(IllegalArgumentException.class);

        assertThat(api.statuses).containsExactly(RunStatus.RUNNING);
        assertThat(api.tags.get("trainyard.error")).startsWith("invalid training config:").contains("Nope");
        assertThat(api.artifacts).containsKey(RunTelemetry.LOG_PATH);
    }

    @Test
    void splitBytesRoundTrip() {
        var view = new io.trainyard.client.model.DatasetSplitView("x", 2, 1, 1,
                java.util.Base64.getEncoder().encodeToString(new byte[] {0, 2, 1, 0}));
        var split = DatasetTable.split(view, 4);
        assertThat(split.train()).containsExactly(0, 3);
        assertThat(split.validation()).containsExactly(2);
        assertThat(split.test()).containsExactly(1);
        assertThat(DatasetTable.encode(split, 4)).isEqualTo(view.assignment());
        assertThatThrownBy(() -> DatasetTable.split(view, 5)).hasMessageContaining("5 data rows");
        assertThat(List.of()).isEmpty();
    }
}
