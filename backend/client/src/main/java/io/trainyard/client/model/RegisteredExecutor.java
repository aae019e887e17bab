package io.trainyard.client.model;

/** The new executor's id, and the lease duration it should heartbeat well within. */
public record RegisteredExecutor(Long executorId, Long leaseMillis) {
}
