package io.trainyard.server.queue;

import java.time.Instant;
import java.util.UUID;

/** A claimed job: every later change to it must present {@code token} (fencing). */
public record Lease(JobId jobId, UUID token, UUID runId, String kind, String spec, int attempt,
                    Instant expiresAt) {
}
