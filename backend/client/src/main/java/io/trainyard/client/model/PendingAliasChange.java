package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/** An alias change waiting for a project owner's approval. */
public record PendingAliasChange(long id, String project, String model, String alias, int version,
                                 Integer currentVersion, String requestedBy, Instant requestedAt, String comment,
                                 List<GateResult> gates) {
}
