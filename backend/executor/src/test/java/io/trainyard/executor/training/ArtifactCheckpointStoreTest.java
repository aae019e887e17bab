package io.trainyard.executor.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trainyard.training.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArtifactCheckpointStoreTest {

    private final FakeTrainingApi api = new FakeTrainingApi();

    @Test
    void savesWithinTheIntervalWaitAndCloseStoresTheNewest() {
        ArtifactCheckpointStore store = new ArtifactCheckpointStore(api, "run", Duration.ofHours(1), line -> { });
        store.save(1, bytes("epoch 1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.uploads() == 1);
        for (int epoch = 2; epoch <= 10; epoch++) {
            store.save(epoch, bytes("epoch " + epoch));
        }
        // the first save goes at once, the next ones wait for the interval
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> store.uploads() == 1);
        assertThat(stored().epoch()).isEqualTo(1);

        store.close();

        assertThat(store.uploads()).as("close uploads only the newest of the waiting saves").isEqualTo(2);
        assertThat(store.savedEpoch()).isEqualTo(10);
        assertThat(stored().epoch()).isEqualTo(10);
        assertThat(new String(stored().bytes(), StandardCharsets.UTF_8)).isEqualTo("epoch 10");
    }

    @Test
    void aWaitingSaveIsUploadedOnceTheIntervalHasPassed() {
        ArtifactCheckpointStore store = new ArtifactCheckpointStore(api, "run", Duration.ofMillis(1_500),
                line -> { });
        store.save(1, bytes("epoch 1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.uploads() == 1);
        long first = System.nanoTime();
        store.save(2, bytes("epoch 2"));
        assertThat(store.uploads()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> store.uploads() == 2);

        assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
        assertThat(stored().epoch()).isEqualTo(2);
        store.close();
        assertThat(store.uploads()).as("nothing new to store at close").isEqualTo(2);
    }

    @Test
    void aNewStoreReadsBackWhatTheLastOneStored() {
        ArtifactCheckpointStore store = new ArtifactCheckpointStore(api, "run", Duration.ofHours(1), line -> { });
        assertThat(store.latest()).isEmpty();
        store.save(3, bytes("state"));
        store.close();

        CheckpointStore.Checkpoint read = new ArtifactCheckpointStore(api, "run", Duration.ofHours(1), line -> { })
                .latest().orElseThrow();
        assertThat(read.epoch()).isEqualTo(3);
        assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).isEqualTo("state");
    }

    private CheckpointStore.Checkpoint stored() {
        return new ArtifactCheckpointStore(api, "run", Duration.ZERO, line -> { }).latest().orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
