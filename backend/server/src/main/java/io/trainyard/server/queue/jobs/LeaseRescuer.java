package io.trainyard.server.queue.jobs;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code trainyard.queue.rescue-interval}, gives jobs whose lease expired back to the queue (or fails
 * them after their last attempt). One query per tick; several servers may run it at once (SKIP LOCKED).
 * Hourly it also forgets executors that have been gone for a week.
 */
@Component
class LeaseRescuer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseRescuer.class);
    private static final long FORGET_EVERY_MILLIS = 3_600_000;

    private final JobQueueService queue;
    private final ExecutorStore executors;
    private final QueueProperties properties;
    private ScheduledExecutorService scheduler;
    private long lastForget;

    LeaseRescuer(JobQueueService queue, ExecutorStore executors, QueueProperties properties) {
        this.queue = queue;
        this.executors = executors;
        this.properties = properties;
    }

    void tick() {
        try {
            int rescued = queue.rescueExpired();
            if (rescued > 0) {
                log.info("Rescued {} job(s) whose lease expired", rescued);
            }
            long now = System.currentTimeMillis();
            if (now - lastForget > FORGET_EVERY_MILLIS) {
                lastForget = now;
                executors.forgetOld();
            }
        } catch (RuntimeException e) {
            log.warn("Lease rescue failed; trying again next tick", e);
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lease-rescuer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.rescueInterval().toMillis();
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
