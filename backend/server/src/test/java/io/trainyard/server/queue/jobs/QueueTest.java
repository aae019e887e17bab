package io.trainyard.server.queue.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.JobState;
import io.trainyard.server.queue.JobCompletion;
import io.trainyard.server.queue.JobFinished;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobStatus;
import io.trainyard.server.queue.Lease;
import io.trainyard.server.queue.StaleLeaseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue's guarantees through its facade, against the real PostgreSQL. */
@RecordApplicationEvents
class QueueTest extends QueueTestSupport {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JobStore store;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void sixteenConcurrentClaimersClaimEachOfAThousandJobsExactlyOnce() throws Exception {
        int jobs = 1000;
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(queue.enqueue(job("{}").withPriority(i % 3)));
        }
        Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            long executor = executor(0);
            done.add(pool.submit(() -> {
                try {
                    while (true) {
                        List<Lease> leases = queue.claim(executor, 1);
                        if (leases.isEmpty()) {
                            return;
                        }
                        for (Lease lease : leases) {
                            claims.computeIfAbsent(lease.jobId().value(), k -> new AtomicInteger()).incrementAndGet();
                            queue.complete(lease.jobId(), lease.token(), JobOutcome.SUCCEEDED, null);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(errors).as("no deadlocks or other errors").isEmpty();
        assertThat(claims).hasSize(jobs);
        assertThat(claims.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(queue.status(id).orElseThrow().state())
                .isEqualTo(JobState.SUCCEEDED));
        // submitted, claimed, succeeded: one history row per transition
        assertThat(jdbc.sql("select count(*) from job_events where job_id between :first and :last")
                .param("first", ids.get(0).value()).param("last", ids.get(jobs - 1).value())
                .query(Long.class).single()).isEqualTo(3L * jobs);
    }

    @Test
    void claimsFollowPriorityThenSubmissionOrder() {
        JobId low = queue.enqueue(job("{}").withPriority(0));
        JobId high = queue.enqueue(job("{}").withPriority(5));
        JobId lowLater = queue.enqueue(job("{}").withPriority(0));
        long executor = executor(0);
        List<JobId> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Lease lease = queue.claim(executor, 1).get(0);
            order.add(lease.jobId());
            queue.complete(lease.jobId(), lease.token(), JobOutcome.SUCCEEDED, null);
        }
        assertThat(order).containsExactly(high, low, lowLater);
    }

    @Test
    void expiredLeaseIsRescuedAndThePausedWorkerIsFencedOff() {
        JobId id = queue.enqueue(job("{}"));
        long paused = executor(0);
        Lease first = queue.claim(paused, 1).get(0);
        assertThat(first.attempt()).isEqualTo(1);

        expireLease(id);
        rescuer.tick();
        JobStatus rescued = queue.status(id).orElseThrow();
        assertThat(rescued.state()).isEqualTo(JobState.QUEUED);
        assertThat(rescued.lastError()).contains("lease expired");

        makeDue(id);
        Lease second = queue.claim(executor(0), 1).get(0);
        assertThat(second.jobId()).isEqualTo(id);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.token()).isNotEqualTo(first.token());

        // the paused worker wakes up: heartbeat and completion are refused, its late result ignored
        assertThatThrownBy(() -> queue.heartbeat(id, first.token(), 0.5, null))
                .isInstanceOf(StaleLeaseException.class);
        assertThatThrownBy(() -> queue.complete(id, first.token(), JobOutcome.FAILED, "late"))
                .isInstanceOf(StaleLeaseException.class);
        assertThat(queue.status(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        queue.complete(id, second.token(), JobOutcome.SUCCEEDED, null);
        assertThat(queue.status(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jdbc.sql("select string_agg(coalesce(from_state, '-') || '>' || to_state || ':' || actor, ' ' "
                        + "order by id) from job_events where job_id = :id").param("id", id.value())
                .query(String.class).single())
                .isEqualTo("-" + ">queued:admin queued>running:executor:" + paused + " running>queued:rescuer "
                        + "queued>running:executor:" + jdbc.sql("select executor_id from jobs where id = :id")
                        .param("id", id.value()).query(Long.class).single()
                        + " running>succeeded:executor:" + jdbc.sql("select executor_id from jobs where id = :id")
                        .param("id", id.value()).query(Long.class).single());
    }

    @Test
    void lastExpiredAttemptFailsTheJobAndPublishesJobFinished() {
        UUID run = UUID.randomUUID();
        JobId id = queue.enqueue(job("{}").withMaxAttempts(2).withRunId(run));
        long executor = executor(0);
        for (int attempt = 1; attempt <= 2; attempt++) {
            makeDue(id);
            Lease lease = queue.claim(executor, 1).get(0);
            assertThat(lease.attempt()).isEqualTo(attempt);
            expireLease(id);
            rescuer.tick();
        }
        JobStatus failed = queue.status(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(queue.statusOfRun(run)).map(JobStatus::id).contains(id);
        assertThat(events.stream(JobFinished.class).filter(e -> e.jobId().equals(id)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.runId()).isEqualTo(run);
                    assertThat(e.outcome()).isEqualTo(JobState.FAILED);
                    assertThat(e.error()).contains("lease expired on attempt 2");
                });
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffUntilMaxAttempts() throws Exception {
        JobId id = queue.enqueue(job("{}").withMaxAttempts(3));
        long executor = executor(0);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Optional<Lease> lease = queue.claimWaiting(executor, Duration.ofSeconds(5));
            assertThat(lease).as("attempt " + attempt).isPresent();
            assertThat(lease.get().attempt()).isEqualTo(attempt);
            queue.complete(id, lease.get().token(), JobOutcome.FAILED, "boom " + attempt);
        }
        JobStatus status = queue.status(id).orElseThrow();
        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.lastError()).isEqualTo("boom 3");
        assertThat(queue.claim(executor, 1)).isEmpty();
    }

    @Test
    void cancelEndsAQueuedJobAtOnceAndAsksARunningOneToStop() {
        JobId queued = queue.enqueue(job("{}"));
        assertThat(queue.cancel(queued, "admin", null)).isTrue();
        assertThat(queue.status(queued).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.cancel(queued, "admin", null)).isFalse();

        JobId running = queue.enqueue(job("{}"));
        Lease lease = queue.claim(executor(0), 1).get(0);
        assertThat(queue.heartbeat(running, lease.token(), 0.1, "working")).isFalse();
        assertThat(queue.cancel(running, "admin", null)).isTrue();
        assertThat(queue.status(running).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(queue.heartbeat(running, lease.token(), 0.2, "working")).isTrue();
        // an executor that reports failure after a cancel request ends the job cancelled, not retried
        queue.complete(running, lease.token(), JobOutcome.FAILED, "interrupted");
        assertThat(queue.status(running).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(events.stream(JobFinished.class).filter(e -> e.jobId().equals(running)))
                .singleElement().extracting(JobFinished::outcome).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void enqueueJoinsTheCallersTransaction() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        JobId rolledBack = transaction.execute(status -> {
            JobId id = queue.enqueue(job("{}"));
            status.setRollbackOnly();
            return id;
        });
        assertThat(queue.status(rolledBack)).isEmpty();
        assertThat(queue.claim(executor(0), 10)).isEmpty();
    }

    @Test
    void sameIdempotencyKeyGivesTheSameJob() {
        JobId first = queue.enqueue(job("{}").withIdempotencyKey("key-" + label));
        JobId second = queue.enqueue(job("{\"other\": true}").withIdempotencyKey("key-" + label));
        assertThat(second).isEqualTo(first);
        queue.cancel(first, "admin", "cleanup");
    }

    @Test
    void executorsReceiveOnlyJobsWhoseGpusAndLabelsTheyHave() {
        JobId gpuJob = queue.enqueue(job("{}").withResources(2, List.of(label)));
        JobId labelled = queue.enqueue(job("{}").withResources(0, List.of(label, "zone=eu")));
        assertThat(queue.claim(executor(0), 10)).isEmpty();
        assertThat(queue.claim(executor(1), 10)).isEmpty();

        long eu = queue.registerExecutor(new io.trainyard.server.queue.ExecutorSpec("eu-" + label, 0,
                List.of(label, "zone=eu"), 1, null, false), "admin");
        assertThat(queue.claim(eu, 10)).extracting(Lease::jobId).containsExactly(labelled);

        long twoGpus = executor(2);
        assertThat(queue.claim(twoGpus, 10)).extracting(Lease::jobId).containsExactly(gpuJob);
    }

    @Test
    void aWaitingClaimIsWokenByASubmissionWithinMilliseconds() throws Exception {
        long executor = executor(0);
        AtomicReference<Thread> waitingThread = new AtomicReference<>();
        ExecutorService waiter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "claim-waiter");
            waitingThread.set(thread);
            return thread;
        });
        Future<Optional<Lease>> claim = waiter.submit(() -> queue.claimWaiting(executor, Duration.ofSeconds(20)));
        // measure from a claim that is really waiting for the wake-up, not one still making its first query
        await().atMost(Duration.ofSeconds(5))
                .until(() -> waitingThread.get().getState() == Thread.State.TIMED_WAITING);
        long submitted = System.nanoTime();
        JobId id = queue.enqueue(job("{}"));
        Optional<Lease> lease = claim.get(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
        waiter.shutdown();
        assertThat(lease).map(Lease::jobId).contains(id);
        assertThat(millis).as("pickup latency").isLessThan(1000);
        queue.complete(id, lease.get().token(), JobOutcome.SUCCEEDED, null);
    }

    @Test
    void releaseGivesTheJobBackWithoutSpendingAnAttempt() {
        JobId id = queue.enqueue(job("{}"));
        Lease lease = queue.claim(executor(0), 1).get(0);
        queue.release(id, lease.token(), "shutting down");
        JobStatus released = queue.status(id).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.QUEUED);
        assertThat(released.attempt()).isZero();
        assertThatThrownBy(() -> queue.complete(id, lease.token(), JobOutcome.SUCCEEDED, null))
                .isInstanceOf(StaleLeaseException.class);
        Lease again = queue.claim(executor(0), 1).get(0);
        assertThat(again.attempt()).isEqualTo(1);
        queue.complete(id, again.token(), JobOutcome.SUCCEEDED, null);
    }

    @Test
    void completionsAppliedInOneStatementAreFencedEachOnItsOwnLease() {
        JobId a = queue.enqueue(job("{}"));
        JobId b = queue.enqueue(job("{}"));
        JobId c = queue.enqueue(job("{}"));
        long executor = executor(0);
        Map<JobId, UUID> tokens = new java.util.HashMap<>();
        queue.claim(executor, 3).forEach(lease -> tokens.put(lease.jobId(), lease.token()));
        assertThat(tokens).containsOnlyKeys(a, b, c);

        List<Optional<JobStore.Transition>> done = new TransactionTemplate(transactionManager).execute(status ->
                store.complete(List.of(
                        new JobStore.Completion(a.value(), tokens.get(a), JobOutcome.SUCCEEDED, null),
                        new JobStore.Completion(b.value(), UUID.randomUUID(), JobOutcome.SUCCEEDED, null),
                        new JobStore.Completion(c.value(), tokens.get(c), JobOutcome.FAILED, "boom"),
                        // the same job twice: one of the two wins, the other finds its lease gone
                        new JobStore.Completion(a.value(), tokens.get(a), JobOutcome.CANCELLED, null)),
                        Duration.ofSeconds(10), Duration.ofMinutes(10)));

        assertThat(done).hasSize(4);
        assertThat(done.get(1)).as("stale token").isEmpty();
        assertThat(done.get(2)).map(JobStore.Transition::state).contains(JobState.QUEUED);
        assertThat(done.get(2)).map(JobStore.Transition::notBefore).get()
                .satisfies(notBefore -> assertThat(notBefore).isAfter(java.time.Instant.now().plusSeconds(5)));
        assertThat(done.get(0).isPresent()).as("exactly one completion of a wins").isNotEqualTo(done.get(3).isPresent());
        JobState aEnded = done.get(0).or(() -> done.get(3)).orElseThrow().state();
        assertThat(aEnded).isIn(JobState.SUCCEEDED, JobState.CANCELLED);

        assertThat(queue.status(a).orElseThrow().state()).isEqualTo(aEnded);
        assertThat(queue.status(b).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        JobStatus retried = queue.status(c).orElseThrow();
        assertThat(retried.state()).isEqualTo(JobState.QUEUED);
        assertThat(retried.lastError()).isEqualTo("boom");
        assertThat(history(a)).contains("running>" + aEnded.wireName());
        assertThat(jdbc.sql("select count(*) from job_events where job_id = :id and from_state = 'running'")
                .param("id", a.value()).query(Long.class).single()).as("one completion of a recorded").isOne();
        assertThat(history(b)).endsWith("queued>running");
        assertThat(history(c)).endsWith("running>queued:attempt failed, retry after backoff: boom");
        queue.complete(b, tokens.get(b), JobOutcome.SUCCEEDED, null);
    }

    @Test
    void concurrentCompletionsEachGetTheirOwnResultAndPublishJobFinishedInTheirTransaction() throws Exception {
        int jobs = 8;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(job("{}"));
        }
        List<Lease> leases = queue.claim(executor(0), jobs);
        assertThat(leases).hasSize(jobs);
        Lease staleOne = leases.get(3);
        Set<JobId> finishedInTransaction = ConcurrentHashMap.newKeySet();
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof JobFinished f
                    && TransactionSynchronizationManager.isActualTransactionActive()) {
                finishedInTransaction.add(f.jobId());
            }
        };
        context.addApplicationListener(listener);
        CyclicBarrier start = new CyclicBarrier(jobs);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (Lease lease : leases) {
                UUID token = lease == staleOne ? UUID.randomUUID() : lease.token();
                results.add(pool.submit(() -> {
                    start.await();
                    queue.complete(lease.jobId(), token, JobOutcome.SUCCEEDED, null);
                    return null;
                }));
            }
            for (Lease lease : leases) {
                Future<?> result = results.get(leases.indexOf(lease));
                if (lease == staleOne) {
                    assertThatThrownBy(() -> result.get(1, TimeUnit.MINUTES))
                            .hasCauseInstanceOf(StaleLeaseException.class);
                } else {
                    result.get(1, TimeUnit.MINUTES);
                    assertThat(queue.status(lease.jobId()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
                }
            }
        } finally {
            pool.shutdown();
            context.removeApplicationListener(listener);
        }
        assertThat(queue.status(staleOne.jobId()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(finishedInTransaction).containsExactlyInAnyOrderElementsOf(leases.stream().map(Lease::jobId)
                .filter(id -> !id.equals(staleOne.jobId())).toList());
        queue.complete(staleOne.jobId(), staleOne.token(), JobOutcome.SUCCEEDED, null);
    }

    @Test
    void completeAllAppliesAClaimedBatchAndReturnsOnlyTheStaleLeases() {
        JobId a = queue.enqueue(job("{}"));
        JobId b = queue.enqueue(job("{}"));
        JobId c = queue.enqueue(job("{}"));
        Map<JobId, UUID> tokens = new java.util.HashMap<>();
        queue.claim(executor(0), 3).forEach(lease -> tokens.put(lease.jobId(), lease.token()));
        events.clear();

        List<JobId> stale = queue.completeAll(List.of(
                new JobCompletion(a, tokens.get(a), JobOutcome.SUCCEEDED, null),
                new JobCompletion(b, UUID.randomUUID(), JobOutcome.SUCCEEDED, null),
                new JobCompletion(c, tokens.get(c), JobOutcome.FAILED, "boom")));

        assertThat(stale).containsExactly(b);
        assertThat(queue.status(a).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(queue.status(b).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(queue.status(c).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(events.stream(JobFinished.class).map(JobFinished::jobId)).containsExactly(a);
        assertThat(queue.completeAll(List.of())).isEmpty();
        queue.complete(b, tokens.get(b), JobOutcome.SUCCEEDED, null);
    }

    private String history(JobId id) {
        return jdbc.sql("select string_agg(coalesce(from_state, '-') || '>' || to_state "
                        + "|| coalesce(':' || reason, ''), ' ' order by id) from job_events where job_id = :id")
                .param("id", id.value()).query(String.class).single();
    }
}
