package io.trainyard.client.model;

import java.time.Instant;

/** {@code cancelRequested}: stop the job and complete it as {@code cancelled}. */
public record HeartbeatAnswer(Boolean cancelRequested, Instant leaseExpiresAt) {
}
