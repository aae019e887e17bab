package io.trainyard.server.queue;

import io.trainyard.client.model.JobOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue's facade for other modules (and the executor endpoints). Access checks are the caller's job:
 * these methods trust their arguments.
 */
public interface JobQueue {

    /**
     * Adds a job in the caller's transaction (or a new one): a rolled-back caller leaves no job, and
     * executors are woken only when it commits. With an idempotency key already used in the project, returns
     * that job instead.
     */
    JobId enqueue(JobRequest request);

    Optional<JobStatus> status(JobId id);

    /** The newest job executing a tracking run, if any. */
    Optional<JobStatus> statusOfRun(UUID runId);

    /**
     * Cancels a queued job at once; a running one is asked to stop (its executor sees {@code cancelRequested}
     * in the next heartbeat answer and ends it as cancelled). False when the job had already ended.
     */
    boolean cancel(JobId id, String actor, String reason);

    // --- executor side, used by the HTTP protocol and the benchmarks ---

    long registerExecutor(ExecutorSpec spec, String registeredBy);

    /** Claims up to {@code max} runnable jobs the executor can run, best first; never waits. */
    List<Lease> claim(long executorId, int max);

    /** Like {@link #claim} with one job, but waits up to {@code wait} for one (long poll). */
    Optional<Lease> claimWaiting(long executorId, Duration wait) throws InterruptedException;

    /**
     * Extends the lease and records progress.
     *
     * @return whether a cancel was requested
     * @throws StaleLeaseException when the token is not current
     */
    boolean heartbeat(JobId id, UUID leaseToken, Double progress, String message);

    /** Ends the attempt; a failed one is retried with backoff while attempts remain. */
    void complete(JobId id, UUID leaseToken, JobOutcome outcome, String error);

    /**
     * Ends several attempts in one transaction and one statement, as an executor that claimed a batch reports
     * it; each job's {@link JobFinished} is published in that transaction. A completion whose lease token is not
     * current changes nothing and is returned; the others are applied.
     *
     * @return the jobs whose lease was stale (empty when every completion was applied)
     */
    List<JobId> completeAll(List<JobCompletion> completions);

    /** Gives the job back to the queue without spending an attempt (graceful shutdown). */
    void release(JobId id, UUID leaseToken, String reason);

    Duration leaseDuration();
}
