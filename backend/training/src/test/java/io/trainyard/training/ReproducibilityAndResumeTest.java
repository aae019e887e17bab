package io.trainyard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.training.config.EarlyStoppingConfig;
import io.trainyard.training.config.ScheduleConfig;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.StratifiedSplitter;
import io.trainyard.training.data.TabularData;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReproducibilityAndResumeTest {
    static TabularData data;
    static SplitAssignment split;
    static TrainingConfig config;

    @BeforeAll
    static void setUp() throws Exception {
        data = TestData.penguins();
        split = StratifiedSplitter.split(data, "Species", 0.15, 0.15, true, 42);
        // dropout on (default 0.1), cosine with warm-up, no early stopping: 4 epochs
        config = TrainingConfig.of("classification", "Species", PenguinsTrainingTest.FEATURES).withEpochs(4)
                .withBatchSize(32)
                .withSchedule(new ScheduleConfig("cosine", 1, null, null, null, null, null).withDefaults())
                .withEarlyStopping(new EarlyStoppingConfig("val_loss", "auto", 0, 0.0));
    }

    /** An executor trains on its worker thread, where PyTorch starts with grad mode on. */
    @Test
    void trainsOnAFreshThreadAfterTheEngineWasLoadedOnAnother() throws Exception {
        ai.djl.engine.Engine.getInstance();
        java.util.concurrent.ExecutorService fresh = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            TrainingResult result = fresh.submit(() -> TabularTrainer.train(config, data, split,
                    TrainingListener.NONE, CheckpointStore.NONE, null)).get();
            assertThat(result.epochsRun()).isEqualTo(4);
        } finally {
            fresh.shutdownNow();
        }
    }

    @Test
    void sameDataConfigAndSeedGiveTheSameMetrics() {
        TrainingResult a = TabularTrainer.train(config, data, split, TrainingListener.NONE, CheckpointStore.NONE,
                null);
        TrainingResult b = TabularTrainer.train(config, data, split, TrainingListener.NONE, CheckpointStore.NONE,
                null);
        assertThat(b.finalMetrics()).isEqualTo(a.finalMetrics());
        assertThat(b.history()).extracting(EpochMetrics::metrics)
                .isEqualTo(a.history().stream().map(EpochMetrics::metrics).toList());
    }

    @Test
    void resumingFromACheckpointContinuesAndMatchesAnUninterruptedRun() {
        TrainingResult uninterrupted = TabularTrainer.train(config, data, split, TrainingListener.NONE,
                CheckpointStore.NONE, null);

        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        AtomicInteger epochsExecuted = new AtomicInteger();
        TrainingListener killAfterTwo = new TrainingListener() {
            @Override
            public void onProgress(int epoch, int total) {
                epochsExecuted.incrementAndGet();
            }

            @Override
            public StopRequest stopRequest() {
                return epochsExecuted.get() >= 2 ? StopRequest.CHECKPOINT_AND_STOP : StopRequest.NONE;
            }
        };
        TrainingResult first = TabularTrainer.train(config, data, split, killAfterTwo, store, null);
        assertThat(first.status()).isEqualTo(TrainingResult.Status.STOPPED);
        assertThat(store.latest()).hasValueSatisfying(c -> assertThat(c.epoch()).isEqualTo(2));

        TrainingListener counting = new TrainingListener() {
            @Override
            public void onProgress(int epoch, int total) {
                epochsExecuted.incrementAndGet();
            }
        };
        TrainingResult resumed = TabularTrainer.train(config, data, split, counting, store, null);

        assertThat(epochsExecuted.get()).isEqualTo(4);
        assertThat(resumed.epochsThisRun()).isEqualTo(2);
        assertThat(resumed.epochsRun()).isEqualTo(4);
        assertThat(resumed.finalMetrics()).isEqualTo(uninterrupted.finalMetrics());
        assertThat(resumed.history()).extracting(EpochMetrics::metrics)
                .isEqualTo(uninterrupted.history().stream().map(EpochMetrics::metrics).toList());
    }

    @Test
    void cancelThrowsWithoutCheckpoint() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        assertThatThrownBy(() -> TabularTrainer.train(config, data, split, new TrainingListener() {
            @Override
            public StopRequest stopRequest() {
                return StopRequest.CANCEL;
            }
        }, store, null)).isInstanceOf(TrainingCancelledException.class);
        assertThat(store.saves()).isZero();
    }
}
