package io.trainyard.client.model;

import java.time.Instant;

/**
 * One event sent (or being sent) to a webhook.
 *
 * @param state {@code pending} (waiting for its next attempt), {@code delivered} or {@code failed} (attempts
 *              used up)
 */
public record WebhookDelivery(long id, long webhookId, String eventId, String event, String state, int attempts,
                              Integer lastStatus, String lastError, Instant createdAt, Instant nextAttemptAt,
                              Instant deliveredAt) {
}
