package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it. {@code position} is its place in claim order while queued (1 = next);
 * {@code unrunnable} says why no registered executor could run it (null when one could);
 * {@code events} is the history, filled on single-job reads only.
 */
public record Job(Long id, String project, UUID runId, String kind, JsonNode spec, JobState state,
                  Integer priority, JobResources resources, Integer attempt, Integer maxAttempts, Instant notBefore,
                  Double progress, String progressMessage, Boolean cancelRequested, String lastError,
                  Long executorId, String executorName, Instant leaseExpiresAt, String requestedBy,
                  Instant createdAt, Instant startedAt, Instant finishedAt, Long position, String unrunnable,
                  List<JobEvent> events) {
}
