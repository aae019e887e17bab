package io.trainyard.server.queue;

import java.util.UUID;

/** An executor claimed a job: attempt {@code attempt} is running. Published inside the claim's transaction. */
public record JobStarted(JobId jobId, UUID runId, int attempt, long executorId) {
}
