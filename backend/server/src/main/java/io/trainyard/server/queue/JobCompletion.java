package io.trainyard.server.queue;

import io.trainyard.client.model.JobOutcome;
import java.util.UUID;

/** One ended attempt, as {@link JobQueue#completeAll} takes it. */
public record JobCompletion(JobId id, UUID leaseToken, JobOutcome outcome, String error) {
}
