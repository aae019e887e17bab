package io.trainyard.server.serving.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trainyard.server.serving.ServingProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The prediction log's writer. Requests only put entries into a bounded buffer (never waiting, never failing);
 * one thread writes them in batches. When the buffer is full the entries that do not fit are counted as
 * overflow ({@code trainyard.predictions.log.overflow}, shown on the model page), so a loss is never silent.
 * A failed write is retried; entries that still cannot be written are counted as failed.
 */
@Component
public class PredictionLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    private static final int WRITE_ATTEMPTS = 3;

    /** What the log has done since the server started. */
    public record Stats(long written, long overflow, long failed, int buffered) {
    }

    private final PredictionLogStore store;
    private final BlockingQueue<LoggedPrediction> buffer;
    private final int batchSize;
    private final Counter writtenCounter;
    private final Counter overflowCounter;
    private final Counter failedCounter;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Thread writer;
    private volatile boolean running;

    PredictionLog(PredictionLogStore store, ServingProperties properties, MeterRegistry meters) {
        this.store = store;
        this.buffer = new ArrayBlockingQueue<>(properties.logBuffer());
        this.batchSize = properties.logBatch();
        this.writtenCounter = meters.counter("trainyard.predictions.log.written");
        this.overflowCounter = meters.counter("trainyard.predictions.log.overflow");
        this.failedCounter = meters.counter("trainyard.predictions.log.failed");
        meters.gauge("trainyard.predictions.log.buffered", buffer, BlockingQueue::size);
    }

    /** Never blocks: what does not fit is counted as overflow. */
    public void append(List<LoggedPrediction> predictions) {
        for (LoggedPrediction p : predictions) {
            if (buffer.offer(p)) {
                accepted.incrementAndGet();
            } else {
                long total = overflow.incrementAndGet();
                overflowCounter.increment();
                if (total == 1 || total % 10_000 == 0) {
                    log.warn("Prediction log buffer is full: {} predictions not logged so far", total);
                }
            }
        }
    }

    public Stats stats() {
        return new Stats(written.get(), overflow.get(), failed.get(), buffer.size());
    }

    /** Waits until everything accepted so far is written (or has failed); false on timeout. */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (written.get() + failed.get() < target) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * {@link #flush} for readers that go on either way (they then read what is written so far): false on
     * timeout or interrupt, keeping the interrupt flag. Costs two counter reads when nothing is pending.
     */
    public boolean tryFlush(long timeoutMillis) {
        try {
            return flush(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        List<LoggedPrediction> batch = new ArrayList<>(batchSize);
        while (running || !buffer.isEmpty()) {
            try {
                LoggedPrediction first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<LoggedPrediction> batch) throws InterruptedException {
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            try {
                store.insert(batch);
                written.addAndGet(batch.size());
                writtenCounter.increment(batch.size());
                return;
            } catch (RuntimeException e) {
                log.warn("Writing {} predictions to the log failed (attempt {} of {}): {}", batch.size(), attempt,
                        WRITE_ATTEMPTS, e.getMessage());
                Thread.sleep(100L * attempt);
            }
        }
        failed.addAndGet(batch.size());
        failedCounter.increment(batch.size());
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, "prediction-log");
        thread.setDaemon(true);
        thread.start();
        writer = thread;
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
