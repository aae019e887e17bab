package io.trainyard.server.webhooks.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes deliveries in the caller's transaction (so an event that rolls back sends nothing) and wakes the
 * dispatcher once it commits.
 */
@Component
public class WebhookOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeliveryStore store;
    private final WebhookDispatcher dispatcher;

    WebhookOutbox(DeliveryStore store, WebhookDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    /** Every subscribed webhook of the project gets the event; {@code project} null means look it up. */
    public void publish(long projectId, String project, String event, Map<String, Object> data) {
        if (project == null) {
            if (!store.anySubscribed(projectId, event)) {
                return;
            }
            project = store.projectKey(projectId).orElse(null);
        }
        UUID id = UUID.randomUUID();
        if (store.enqueue(projectId, event, id, payload(id, event, project, data)) > 0) {
            wakeAfterCommit();
        }
    }

    /** A {@code ping} to one webhook, to check it end to end. */
    public void ping(long webhookId, String project) {
        UUID id = UUID.randomUUID();
        store.enqueueFor(webhookId, "ping", id, payload(id, "ping", project, Map.of("webhookId", webhookId)));
        wakeAfterCommit();
    }

    private static String payload(UUID id, String event, String project, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("event", event);
        body.put("timestamp", Instant.now().toString());
        body.put("project", project);
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
