package io.trainyard.executor.training;

import io.trainyard.training.CheckpointStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checkpoints as one run artifact, {@value #PATH}: an 8-byte header (magic {@code TYE1}, the completed epoch as a
 * big-endian int) followed by the library's opaque bytes. One artifact, replaced whole, so the epoch and the bytes
 * can never disagree. A save that keeps failing is logged and skipped (training goes on; a resume then starts from
 * an older checkpoint); {@link #latest()} answers empty when there is none (404) or it is unreadable, and throws
 * when the server cannot be reached (the attempt fails and is retried rather than silently starting over).
 *
 * <p>Saves upload in the background, newest first: the training loop hands the bytes over and goes on (a
 * synchronous upload, stored and synced on the server, cost more than the epoch itself on small models), and
 * a save that arrives while one is waiting replaces it. Uploads are at least {@code minInterval} apart (the
 * first goes at once): with short epochs the library saves every epoch, and storing each one would spend the
 * shared cores on checkpoints that the next one replaces a second later; a crash then loses at most that much
 * training. {@link #close()} uploads the newest save without waiting for the interval and returns once it is
 * stored, so a stopped job releases its lease only after its last checkpoint is stored.
 */
public final class ArtifactCheckpointStore implements CheckpointStore, AutoCloseable {

    public static final String PATH = "checkpoints/latest.ckpt";
    /** The executor's default spacing of uploads. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    private static final int MAGIC = 0x54594531; // "TYE1"
    private static final int ATTEMPTS = 3;

    private final TrainingApi api;
    private final String runId;
    private final Consumer<String> log;
    private final long minIntervalNanos;
    private volatile int savedEpoch = -1;
    private final AtomicInteger uploads = new AtomicInteger();
    private final ExecutorService uploader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "checkpoint-upload");
        thread.setDaemon(true);
        return thread;
    });
    private Pending pending;
    private boolean uploading;
    private boolean closing;
    private long nextUploadAt = System.nanoTime();

    private record Pending(int epoch, byte[] content) {
    }

    public ArtifactCheckpointStore(TrainingApi api, String runId, Duration minInterval, Consumer<String> log) {
        this.api = api;
        this.runId = runId;
        this.minIntervalNanos = minInterval.toNanos();
        this.log = log;
    }

    @Override
    public synchronized void save(int epoch, byte[] bytes) {
        byte[] content = ByteBuffer.allocate(8 + bytes.length).putInt(MAGIC).putInt(epoch).put(bytes).array();
        pending = new Pending(epoch, content);
        if (!uploading) {
            uploading = true;
            uploader.execute(this::drain);
        }
    }

    /** Uploads the newest handed-over checkpoint now and waits until it is stored (or given up on). */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
            while (uploading) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        uploader.shutdown();
    }

    private void drain() {
        while (true) {
            Pending next;
            synchronized (this) {
                long wait;
                while (pending != null && !closing && (wait = nextUploadAt - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                next = pending;
                pending = null;
                if (next == null) {
                    uploading = false;
                    notifyAll();
                    return;
                }
            }
            upload(next.epoch(), next.content());
            synchronized (this) {
                nextUploadAt = System.nanoTime() + minIntervalNanos;
            }
        }
    }

    private void upload(int epoch, byte[] content) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                api.putArtifact(runId, PATH, content, "application/octet-stream");
                uploads.incrementAndGet();
                savedEpoch = epoch;
                log.accept("checkpoint saved after epoch " + epoch + " (" + (content.length - 8) + " bytes)");
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

    /** Checkpoints stored on the server by this store. */
    public int uploads() {
        return uploads.get();
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
