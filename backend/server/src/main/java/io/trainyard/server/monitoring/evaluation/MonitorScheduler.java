package io.trainyard.server.monitoring.evaluation;

import io.trainyard.server.monitoring.MonitoringProperties;
import io.trainyard.server.monitoring.monitors.MonitorStore;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every server polls for due monitors and evaluates each one it can lock; the lock and the report's unique
 * window make a second server skip a window the first one has, so several replicas need no coordination.
 */
@Component
class MonitorScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);
    private static final int BATCH = 20;

    private final MonitorStore store;
    private final MonitorEvaluations evaluations;
    private final MonitoringProperties properties;
    private ScheduledExecutorService scheduler;

    MonitorScheduler(MonitorStore store, MonitorEvaluations evaluations, MonitoringProperties properties) {
        this.store = store;
        this.evaluations = evaluations;
        this.properties = properties;
    }

    /** Evaluates what is due now; the number evaluated by this server. */
    int tick() {
        int evaluated = 0;
        try {
            Instant now = Instant.now();
            for (long id : store.due(now, BATCH)) {
                if (evaluations.evaluateIfDue(id, now)) {
                    evaluated++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Monitor scheduling failed; trying again next tick", e);
        }
        return evaluated;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "monitor-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.schedulerInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
