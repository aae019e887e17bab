package io.trainyard.client.model;

/** An owner's approval or rejection of a pending alias change; {@code version} must be the requested one. */
public record AliasDecisionRequest(Integer version, String comment) {
}
