package io.trainyard.server.queue;

import io.trainyard.client.model.JobState;
import java.util.UUID;

/**
 * A job reached a terminal state ({@code succeeded}, {@code failed} or {@code cancelled}). Published inside
 * the transaction that made the change, so a {@code @TransactionalEventListener} sees only committed ones.
 */
public record JobFinished(JobId jobId, UUID runId, JobState outcome, String error) {
}
