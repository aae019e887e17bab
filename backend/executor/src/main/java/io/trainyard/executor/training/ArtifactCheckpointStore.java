package io.trainyard.executor.training;

import io.trainyard.training.CheckpointStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checkpoints as one run artifact, {@value #PATH}: an 8-byte header (magic {@code TYE1}, the completed epoch as a
 * big-endian int) followed by the library's opaque bytes. One artifact, replaced whole, so the epoch and the bytes
 * can never disagree. A save that keeps failing is logged and skipped (training goes on; a resume then starts from
 * an older checkpoint); {@link #latest()} answers empty when there is none (404) or it is unreadable, and throws
 * when the server cannot be reached (the attempt fails and is retried rather than silently starting over).
 */
public final class ArtifactCheckpointStore implements CheckpointStore {

    public static final String PATH = "checkpoints/latest.ckpt";
    private static final int MAGIC = 0x54594531; // "TYE1"
    private static final int ATTEMPTS = 3;

    private final TrainingApi api;
    private final String runId;
    private final Consumer<String> log;
    private volatile int savedEpoch = -1;

    public ArtifactCheckpointStore(TrainingApi api, String runId, Consumer<String> log) {
        this.api = api;
        this.runId = runId;
        this.log = log;
    }

    @Override
    public void save(int epoch, byte[] bytes) {
        byte[] content = ByteBuffer.allocate(8 + bytes.length).putInt(MAGIC).putInt(epoch).put(bytes).array();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                api.putArtifact(runId, PATH, content, "application/octet-stream");
                savedEpoch = epoch;
                log.accept("checkpoint saved after epoch " + epoch + " (" + bytes.length + " bytes)");
                return;
            } catch (RuntimeException e) {
                last = e;
                pause(attempt * 500L);
            }
        }
        log.accept("checkpoint after epoch " + epoch + " could not be saved: " + last.getMessage());
    }

    @Override
    public Optional<Checkpoint> latest() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return api.artifact(runId, PATH).flatMap(this::decode);
            } catch (RuntimeException e) {
                last = e;
                pause(attempt * 500L);
            }
        }
        throw new IllegalStateException("could not read the checkpoint: " + last.getMessage(), last);
    }

    /** The epoch of the last checkpoint this store saved, or -1. */
    public int savedEpoch() {
        return savedEpoch;
    }

    private Optional<Checkpoint> decode(byte[] content) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        if (content.length < 8 || buffer.getInt() != MAGIC) {
            log.accept("checkpoint ignored: " + PATH + " is not an executor checkpoint");
            return Optional.empty();
        }
        int epoch = buffer.getInt();
        return Optional.of(new Checkpoint(epoch, Arrays.copyOfRange(content, 8, content.length)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
