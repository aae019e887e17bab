package io.trainyard.server.queue;

import io.trainyard.client.model.JobState;
import java.time.Instant;
import java.util.UUID;

/** Where a job stands, for other modules (no access check: they check their own objects). */
public record JobStatus(JobId id, long projectId, UUID runId, String kind, JobState state, int attempt,
                        int maxAttempts, boolean cancelRequested, String lastError, Instant createdAt,
                        Instant startedAt, Instant finishedAt) {
}
