package io.trainyard.server.security.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit log; append-only. */
@Entity
@Table(name = "audit_events")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt = Instant.now();

    private String actor;

    @Column(nullable = false)
    private String action;

    private String target;

    @Column(columnDefinition = "text")
    private String details;

    @Column(name = "client_address")
    private String clientAddress;

    protected AuditEvent() {
    }

    AuditEvent(String actor, String action, String target, String details, String clientAddress) {
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.details = details;
        this.clientAddress = clientAddress;
    }

    Long getId() {
        return id;
    }

    Instant getOccurredAt() {
        return occurredAt;
    }

    String getActor() {
        return actor;
    }

    String getAction() {
        return action;
    }

    String getTarget() {
        return target;
    }

    String getDetails() {
        return details;
    }

    String getClientAddress() {
        return clientAddress;
    }
}
