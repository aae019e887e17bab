package io.trainyard.server.webhooks.delivery;

import io.trainyard.server.webhooks.WebhookProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. It wakes when an event's transaction commits, or when the earliest retry is due
 * (at most every 30 s to notice other servers' work), so an idle server costs one query per 30 s.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final long MAX_SLEEP_MILLIS = 30_000;

    private final DeliveryStore store;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private ExecutorService senders;

    WebhookDispatcher(DeliveryStore store, WebhookSender sender, WebhookProperties properties) {
        this.store = store;
        this.sender = sender;
        this.properties = properties;
    }

    /** New deliveries were committed: look now. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                List<DeliveryStore.Claimed> due = store.claimDue(BATCH, LEASE);
                if (!due.isEmpty()) {
                    sendAll(due);
                    continue;
                }
                long sleep = store.nextDue().map(at -> Duration.between(Instant.now(), at).toMillis())
                        .map(ms -> Math.max(10, Math.min(ms, MAX_SLEEP_MILLIS))).orElse(MAX_SLEEP_MILLIS);
                synchronized (signal) {
                    if (!woken && running) {
                        signal.wait(sleep);
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook dispatch failed, retrying in 5 s: {}", e.getMessage());
                sleepQuietly(5_000);
            }
        }
    }

    private void sendAll(List<DeliveryStore.Claimed> due) throws InterruptedException {
        List<Future<?>> sent = due.stream().map(d -> senders.submit(() -> settle(d))).<Future<?>>map(f -> f).toList();
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("Webhook delivery failed unexpectedly: {}", e.getCause().toString());
            }
        }
    }

    private void settle(DeliveryStore.Claimed delivery) {
        WebhookSender.Outcome outcome = sender.send(delivery);
        if (outcome.delivered()) {
            store.delivered(delivery.id(), outcome.status());
            return;
        }
        boolean last = delivery.attempt() >= properties.maxAttempts();
        long backoff = Math.min(properties.maxRetryBackoff().toMillis(),
                properties.retryBackoff().toMillis() * (1L << Math.min(20, delivery.attempt() - 1)));
        store.attemptFailed(delivery.id(), outcome.status(), outcome.error(), last, Duration.ofMillis(backoff));
        if (last) {
            log.warn("Webhook delivery {} ({}) to {} failed after {} attempts: {}", delivery.id(), delivery.event(),
                    delivery.url(), delivery.attempt(), outcome.error());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        senders = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::loop, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
