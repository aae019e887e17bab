package io.trainyard.server.queue.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes long-polling claims when work may have appeared: one thread holds a connection that LISTENs on
 * {@value #CHANNEL}, and every NOTIFY (sent when a job becomes runnable, delivered by PostgreSQL only on
 * commit) bumps a generation counter that waiting claims watch. Waiting costs no queries. While the
 * listening connection is down, waiters fall back to polling once a second.
 */
@Component
public class JobWakeups implements SmartLifecycle {

    static final String CHANNEL = "trainyard_jobs";
    private static final Logger log = LoggerFactory.getLogger(JobWakeups.class);
    private static final long FALLBACK_POLL_MILLIS = 1000;

    private final DataSource dataSource;
    private final Object monitor = new Object();
    private long generation;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread thread;

    JobWakeups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long generation() {
        synchronized (monitor) {
            return generation;
        }
    }

    /** Waits until the generation moves past {@code seen}, at most {@code millis}; false once stopped. */
    boolean awaitChange(long seen, long millis) throws InterruptedException {
        long limit = listening ? millis : Math.min(millis, FALLBACK_POLL_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit);
        synchronized (monitor) {
            while (running && generation == seen) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                monitor.wait(remaining);
            }
        }
        return running;
    }

    boolean isListening() {
        return listening;
    }

    void signal() {
        synchronized (monitor) {
            generation++;
            monitor.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listenLoop, "job-wakeups");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        signal();
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the embedded executors and the web server, so claims waiting in requests end promptly. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void listenLoop() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = 500;
                signal(); // whatever was notified while we were not listening
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn("Job notifications lost ({}); claims poll once a second until they are back",
                            e.getMessage());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
        listening = false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
