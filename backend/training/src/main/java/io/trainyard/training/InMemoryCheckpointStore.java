package io.trainyard.training;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the latest checkpoint in memory; counts saves (for tests and single-process use). */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private volatile Checkpoint latest;
    private final AtomicInteger saves = new AtomicInteger();

    @Override
    public void save(int epoch, byte[] bytes) {
        latest = new Checkpoint(epoch, bytes.clone());
        saves.incrementAndGet();
    }

    @Override
    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(latest);
    }

    public int saves() {
        return saves.get();
    }
}
