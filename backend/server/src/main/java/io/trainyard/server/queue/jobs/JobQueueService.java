package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.JobState;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.queue.ExecutorSpec;
import io.trainyard.server.queue.JobCompletion;
import io.trainyard.server.queue.JobFinished;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.queue.JobStarted;
import io.trainyard.server.queue.JobStatus;
import io.trainyard.server.queue.Lease;
import io.trainyard.server.queue.StaleLeaseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue itself. Every change runs in a transaction that also publishes the change's event, so a module
 * listening for {@link JobFinished} can update its own rows atomically with the job's.
 */
@Service
class JobQueueService implements JobQueue {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A due job the claim missed (locked by another claimer a moment ago) is looked at again this soon. */
    private static final long MIN_RECHECK_MILLIS = 10;
    /** Completions applied in one transaction at most (group commit); concurrent executors rarely reach it. */
    private static final int MAX_COMPLETIONS_PER_TRANSACTION = 64;

    private final JobStore jobs;
    private final ExecutorStore executors;
    private final JobWakeups wakeups;
    private final QueueProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final GroupCommit<JobStore.Completion, Optional<JobStore.Transition>> completions;

    JobQueueService(JobStore jobs, ExecutorStore executors, JobWakeups wakeups, QueueProperties properties,
                    ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.jobs = jobs;
        this.executors = executors;
        this.wakeups = wakeups;
        this.properties = properties;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.completions = new GroupCommit<>(this::completeInOneTransaction,
                completion -> completeInOneTransaction(List.of(completion)).get(0), MAX_COMPLETIONS_PER_TRANSACTION);
    }

    @Override
    public JobId enqueue(JobRequest request) {
        validate(request);
        List<String> labels = Labels.normalize(request.resources().labels(), "resources.labels");
        return transaction.execute(status -> {
            Optional<Long> inserted = jobs.insert(request, labels);
            if (inserted.isEmpty()) {
                // the key was used before (or by a concurrent submission that has committed by now)
                return new JobId(jobs.findByIdempotencyKey(request.projectId(), request.idempotencyKey())
                        .orElseThrow());
            }
            jobs.notifyRunnable();
            return new JobId(inserted.get());
        });
    }

    private static void validate(JobRequest request) {
        if (request.kind() == null || !KIND.matcher(request.kind()).matches()) {
            throw new ApiException.BadRequest("kind", "must be lower-case letters, digits and dashes");
        }
        JsonNode spec;
        try {
            spec = JSON.readTree(request.spec() == null ? "{}" : request.spec());
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest("spec", "is not valid JSON");
        }
        if (!spec.isObject()) {
            throw new ApiException.BadRequest("spec", "must be a JSON object");
        }
        Integer gpus = request.resources().gpus();
        if (gpus != null && (gpus < 0 || gpus > 8)) {
            throw new ApiException.BadRequest("resources.gpus", "must be between 0 and 8");
        }
        if (request.maxAttempts() < 1 || request.maxAttempts() > 100) {
            throw new ApiException.BadRequest("maxAttempts", "must be between 1 and 100");
        }
        if (request.idempotencyKey() != null && (request.idempotencyKey().isBlank()
                || request.idempotencyKey().length() > 200)) {
            throw new ApiException.BadRequest("Idempotency-Key", "must be 1 to 200 characters");
        }
    }

    @Override
    public Optional<JobStatus> status(JobId id) {
        return jobs.find(id.value()).map(JobQueueService::status);
    }

    @Override
    public Optional<JobStatus> statusOfRun(UUID runId) {
        return jobs.findLatestOfRun(runId).map(JobQueueService::status);
    }

    static JobStatus status(JobRow row) {
        return new JobStatus(new JobId(row.id()), row.projectId(), row.runId(), row.kind(), row.state(),
                row.attempt(), row.maxAttempts(), row.cancelRequested(), row.lastError(), row.createdAt(),
                row.startedAt(), row.finishedAt());
    }

    @Override
    public boolean cancel(JobId id, String actor, String reason) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            JobRow job = jobs.lock(id.value()).orElseThrow(() -> new ApiException.NotFound("job " + id));
            String why = reason == null ? "cancelled" : reason;
            if (job.state() == JobState.QUEUED) {
                jobs.cancelQueued(job.id());
                jobs.recordEvent(job.id(), JobState.QUEUED, JobState.CANCELLED, job.attempt(), actor, why);
                events.publishEvent(new JobFinished(id, job.runId(), JobState.CANCELLED, null));
                return true;
            }
            if (job.state() == JobState.RUNNING) {
                if (!job.cancelRequested()) {
                    jobs.requestCancel(job.id());
                    jobs.recordEvent(job.id(), JobState.RUNNING, JobState.RUNNING, job.attempt(), actor,
                            "cancel requested; the executor stops it at its next heartbeat");
                }
                return true;
            }
            return false;
        }));
    }

    @Override
    public long registerExecutor(ExecutorSpec spec, String registeredBy) {
        List<String> labels = Labels.normalize(spec.labels(), "labels");
        return executors.insert(spec, labels, registeredBy);
    }

    @Override
    public List<Lease> claim(long executorId, int max) {
        ExecutorStore.Capabilities can = executors.capabilities(executorId)
                .orElseThrow(() -> new ApiException.NotFound("executor " + executorId));
        List<Lease> leases = transaction.execute(status -> {
            List<Lease> claimed = jobs.claim(executorId, can.gpus(), can.labels(), max, properties.leaseDuration());
            claimed.forEach(lease -> events.publishEvent(
                    new JobStarted(lease.jobId(), lease.runId(), lease.attempt(), executorId)));
            return claimed;
        });
        return leases == null ? List.of() : leases;
    }

    @Override
    public Optional<Lease> claimWaiting(long executorId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            // read before claiming: a NOTIFY that lands between the claim and the wait still wakes us
            long seen = wakeups.generation();
            List<Lease> claimed = claim(executorId, 1);
            if (!claimed.isEmpty()) {
                return Optional.of(claimed.get(0));
            }
            long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remaining <= 0) {
                return Optional.empty();
            }
            // a job that becomes due later (not-before, retry backoff) sends no NOTIFY: wake for it ourselves
            long sleep = jobs.untilNextDue(executorId)
                    .map(due -> Math.max(MIN_RECHECK_MILLIS, Math.min(due.toMillis(), remaining)))
                    .orElse(remaining);
            if (!wakeups.awaitChange(seen, sleep)) {
                return Optional.empty();
            }
        }
    }

    @Override
    public boolean heartbeat(JobId id, UUID leaseToken, Double progress, String message) {
        return jobs.heartbeat(id.value(), leaseToken, progress, message, properties.leaseDuration())
                .orElseThrow(() -> stale(id)).cancelRequested();
    }

    /**
     * Completions that executors report at the same time share one transaction (group commit); a caller already
     * in a transaction completes in it, alone.
     */
    @Override
    public void complete(JobId id, UUID leaseToken, JobOutcome outcome, String error) {
        JobStore.Completion completion = new JobStore.Completion(id.value(), leaseToken, outcome, error);
        Optional<JobStore.Transition> done = TransactionSynchronizationManager.isActualTransactionActive()
                ? completeInOneTransaction(List.of(completion)).get(0)
                : completions.apply(completion);
        done.orElseThrow(() -> stale(id));
    }

    @Override
    public List<JobId> completeAll(List<JobCompletion> completions) {
        List<JobStore.Completion> batch = completions.stream().map(c -> new JobStore.Completion(c.id().value(),
                c.leaseToken(), c.outcome(), c.error())).toList();
        List<JobId> stale = new java.util.ArrayList<>();
        for (int from = 0; from < batch.size(); from += MAX_COMPLETIONS_PER_TRANSACTION) {
            List<JobStore.Completion> part = batch.subList(from, Math.min(batch.size(),
                    from + MAX_COMPLETIONS_PER_TRANSACTION));
            List<Optional<JobStore.Transition>> done = completeInOneTransaction(part);
            for (int i = 0; i < part.size(); i++) {
                if (done.get(i).isEmpty()) {
                    stale.add(new JobId(part.get(i).id()));
                }
            }
        }
        return stale;
    }

    /** Each transition's {@link JobFinished} is published in the transaction that makes it. */
    private List<Optional<JobStore.Transition>> completeInOneTransaction(List<JobStore.Completion> batch) {
        return transaction.execute(status -> {
            List<Optional<JobStore.Transition>> done = jobs.complete(batch, properties.retryBackoff(),
                    properties.maxRetryBackoff());
            done.forEach(transition -> transition.ifPresent(this::afterTransition));
            return done;
        });
    }

    @Override
    public void release(JobId id, UUID leaseToken, String reason) {
        transaction.executeWithoutResult(status -> afterTransition(
                jobs.release(id.value(), leaseToken, reason).orElseThrow(() -> stale(id))));
    }

    /** Rescues expired leases; returns how many jobs it moved. */
    int rescueExpired() {
        List<JobStore.Transition> rescued = transaction.execute(status -> {
            List<JobStore.Transition> moved = jobs.rescueExpired(properties.retryBackoff(),
                    properties.maxRetryBackoff());
            moved.forEach(this::afterTransition);
            return moved;
        });
        return rescued == null ? 0 : rescued.size();
    }

    private void afterTransition(JobStore.Transition transition) {
        if (transition.state().terminal()) {
            events.publishEvent(new JobFinished(new JobId(transition.id()), transition.runId(), transition.state(),
                    transition.state() == JobState.SUCCEEDED ? null : transition.lastError()));
        } else if (transition.state() == JobState.QUEUED) {
            jobs.notifyRunnable();
        }
    }

    private StaleLeaseException stale(JobId id) {
        if (jobs.find(id.value()).isEmpty()) {
            throw new ApiException.NotFound("job " + id);
        }
        return new StaleLeaseException(id);
    }

    @Override
    public Duration leaseDuration() {
        return properties.leaseDuration();
    }
}
