package io.trainyard.client.model;

import java.time.Instant;

public record AuditEventView(long id, Instant occurredAt, String actor, String action, String target,
                             String details, String clientAddress) {
}
