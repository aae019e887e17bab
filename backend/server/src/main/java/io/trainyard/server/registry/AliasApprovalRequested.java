package io.trainyard.server.registry;

/** A change of a governed alias waits for an owner's approval; published in the requesting transaction. */
public record AliasApprovalRequested(long projectId, String project, String model, String alias, int version,
                                     Integer currentVersion, String requestedBy, String comment) {
}
