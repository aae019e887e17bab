package io.trainyard.training;

import java.util.Optional;

/**
 * Where checkpoints go (the executor stores them with the job). The trainer calls {@link #save} every
 * {@code checkpointEveryEpochs} epochs and on {@link StopRequest#CHECKPOINT_AND_STOP}, and reads
 * {@link #latest()} once at start to resume. The bytes are opaque to the store.
 */
public interface CheckpointStore {
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public void save(int epoch, byte[] bytes) {
        }

        @Override
        public Optional<Checkpoint> latest() {
            return Optional.empty();
        }
    };

    void save(int epoch, byte[] bytes);

    Optional<Checkpoint> latest();

    /** A saved checkpoint: the state after {@code epoch} completed epochs. */
    record Checkpoint(int epoch, byte[] bytes) {
    }
}
