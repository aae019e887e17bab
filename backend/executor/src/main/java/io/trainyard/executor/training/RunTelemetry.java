package io.trainyard.executor.training;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.model.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's metrics and log, sent from one background thread so that the training loop never waits on the server.
 * Metrics go to a bounded queue and out in batches ({@code batchSize} points or every {@code metricsFlush});
 * a batch that fails with a server or network error is retried with backoff (a 4xx other than 408/429 drops it);
 * a point that finds the queue full is dropped and counted. Log lines collect in memory (up to
 * {@code maxLogChars}) and the whole log is written as the artifact {@value #LOG_PATH} every {@code logFlush}
 * when it changed. {@link #close()} flushes both, waiting at most {@code closeTimeout}; points still unsent then
 * are counted as dropped.
 */
public final class RunTelemetry implements AutoCloseable {

    public static final String LOG_PATH = "logs/training.log";
    private static final Logger log = LoggerFactory.getLogger(RunTelemetry.class);

    /** How telemetry is paced; {@link #DEFAULTS} for executors, shorter ones in tests. */
    public record Options(Duration metricsFlush, int batchSize, int queueCapacity, Duration logFlush,
                          int maxLogChars, Duration initialBackoff, Duration maxBackoff, Duration closeTimeout) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(1), 1_000, 100_000,
                Duration.ofSeconds(5), 8_000_000, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    private final TrainingApi api;
    private final String runId;
    private final Options options;
    private final BlockingQueue<MetricPoint> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final StringBuilder logText = new StringBuilder();
    private long logVersion;
    private boolean logTruncated;
    private final Thread thread;
    private volatile boolean closing;
    private volatile long closeDeadline;
    private boolean closed;

    public RunTelemetry(TrainingApi api, String runId, Options options) {
        this.api = api;
        this.runId = runId;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.thread = new Thread(this::loop, "trainyard-telemetry-" + runId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Never blocks: a full queue drops the point (counted). */
    public void metric(String key, double value, long step) {
        if (closing || !queue.offer(new MetricPoint(key, value, step, System.currentTimeMillis()))) {
            dropped.incrementAndGet();
        }
    }

    /** Appends a timestamped line to the run's log. */
    public void log(String line) {
        synchronized (logText) {
            if (logTruncated) {
                return;
            }
            if (logText.length() + line.length() > options.maxLogChars()) {
                logText.append(Instant.now()).append(" [log truncated: more than ").append(options.maxLogChars())
                        .append(" characters]\n");
                logTruncated = true;
            } else {
                logText.append(Instant.now()).append(' ').append(line).append('\n');
            }
            logVersion++;
        }
    }

    /** Points dropped so far (queue full, rejected batches, unsent at close). */
    public long dropped() {
        return dropped.get();
    }

    public long sent() {
        return sent.get();
    }

    public long failedSends() {
        return failedSends.get();
    }

    /** Flushes metrics and the log (at most {@code closeTimeout}) and stops the thread. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeDeadline = System.nanoTime() + options.closeTimeout().toNanos();
        closing = true;
        try {
            thread.join(options.closeTimeout().toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    private void loop() {
        List<MetricPoint> batch = new ArrayList<>();
        long batchStarted = 0;
        long retryAt = 0;
        long backoff = options.initialBackoff().toMillis();
        long uploadedLogVersion = 0;
        long nextLog = System.currentTimeMillis() + options.logFlush().toMillis();
        long logRetryAt = 0;
        while (true) {
            boolean finishing = closing;
            if (finishing && System.nanoTime() > closeDeadline) {
                break;
            }
            long now = System.currentTimeMillis();
            if (batch.size() < options.batchSize()) {
                try {
                    MetricPoint first = finishing ? queue.poll() : queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        if (batch.isEmpty()) {
                            batchStarted = now;
                        }
                        batch.add(first);
                        queue.drainTo(batch, options.batchSize() - batch.size());
                    }
                } catch (InterruptedException e) {
                    break;
                }
            }
            now = System.currentTimeMillis();
            boolean due = !batch.isEmpty() && now >= retryAt && (finishing || batch.size() >= options.batchSize()
                    || now - batchStarted >= options.metricsFlush().toMillis());
            if (due) {
                try {
                    api.logMetrics(runId, List.copyOf(batch));
                    sent.addAndGet(batch.size());
                    batch.clear();
                    backoff = options.initialBackoff().toMillis();
                } catch (RuntimeException e) {
                    failedSends.incrementAndGet();
                    if (!retryable(e)) {
                        log.warn("Run {}: {} metric points rejected ({}); dropped", runId, batch.size(),
                                e.getMessage());
                        dropped.addAndGet(batch.size());
                        batch.clear();
                    } else {
                        retryAt = now + backoff;
                        log.debug("Run {}: sending metrics failed ({}); retrying in {} ms", runId, e.getMessage(),
                                backoff);
                        backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
                    }
                }
            }
            long version;
            synchronized (logText) {
                version = logVersion;
            }
            if (version != uploadedLogVersion && (now >= nextLog || (finishing && now >= logRetryAt
                    && batch.isEmpty() && queue.isEmpty()))) {
                nextLog = now + options.logFlush().toMillis();
                if (uploadLog()) {
                    uploadedLogVersion = version;
                } else {
                    logRetryAt = now + Math.min(1_000, options.initialBackoff().toMillis());
                }
            }
            if (finishing && batch.isEmpty() && queue.isEmpty() && version == uploadedLogVersion) {
                return;
            }
            if (finishing && (batch.isEmpty() || now < retryAt)) {
                sleep(Math.max(10, Math.min(50, retryAt - now)));
            } else if (batch.size() >= options.batchSize() && now < retryAt) {
                sleep(Math.min(50, retryAt - now));
            }
        }
        int unsent = batch.size() + queue.size();
        if (unsent > 0) {
            dropped.addAndGet(unsent);
            queue.clear();
            log.warn("Run {}: {} metric points could not be sent before the deadline; dropped", runId, unsent);
        }
    }

    /** Writes the whole log now; false when the server did not take it (tried again later). */
    boolean uploadLog() {
        byte[] bytes;
        synchronized (logText) {
            bytes = logText.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            api.putArtifact(runId, LOG_PATH, bytes, "text/plain; charset=utf-8");
            return true;
        } catch (RuntimeException e) {
            log.debug("Run {}: writing the log failed ({})", runId, e.getMessage());
            return false;
        }
    }

    /** The log as it is now. */
    public String logText() {
        synchronized (logText) {
            return logText.toString();
        }
    }

    static boolean retryable(RuntimeException e) {
        if (e instanceof TrainyardApiException api) {
            int status = api.status();
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
