package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.JobEvent;
import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.JobState;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.queue.Lease;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue's SQL. Each state change is one statement that also writes the job's history row (data-modifying
 * CTEs), and every change an executor makes is fenced by {@code lease_token}. Plain JDBC rather than JPA: the
 * queue lives on {@code FOR UPDATE SKIP LOCKED}, arrays and statement counts.
 */
@Repository
class JobStore {

    /** What a state change left behind, so the caller can publish events and wake claimers. */
    record Transition(long id, UUID runId, JobState state, int attempt, String lastError, Instant notBefore) {
    }

    private final JdbcClient jdbc;

    JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new job's id, or the existing one when the idempotency key was used before; empty: not inserted. */
    Optional<Long> insert(JobRequest request, List<String> labels) {
        return jdbc.sql("""
                        with j as (
                            insert into jobs (project_id, run_id, kind, spec, priority, gpus, labels, max_attempts,
                                              not_before, idempotency_key, requested_by)
                            values (:project, :run, :kind, cast(:spec as jsonb), :priority, :gpus,
                                    cast(:labels as text[]), :maxAttempts, coalesce(:notBefore, now()), :key, :by)
                            on conflict (project_id, idempotency_key) where idempotency_key is not null do nothing
                            returning id, requested_by),
                        e as (
                            insert into job_events (job_id, to_state, attempt, actor, reason)
                            select id, 'queued', 0, requested_by, 'submitted' from j)
                        select id from j""")
                .param("project", request.projectId())
                .param("run", request.runId())
                .param("kind", request.kind())
                .param("spec", request.spec())
                .param("priority", request.priority())
                .param("gpus", request.resources().gpus() == null ? 0 : request.resources().gpus())
                .param("labels", Labels.literal(labels))
                .param("maxAttempts", request.maxAttempts())
                .param("notBefore", timestamp(request.notBefore()))
                .param("key", request.idempotencyKey())
                .param("by", request.requestedBy())
                .query(Long.class).optional();
    }

    Optional<Long> findByIdempotencyKey(long projectId, String key) {
        return jdbc.sql("select id from jobs where project_id = :project and idempotency_key = :key")
                .param("project", projectId).param("key", key).query(Long.class).optional();
    }

    /** NOTIFY is transactional: waiting claimers hear of it only when (and if) the caller commits. */
    void notifyRunnable() {
        jdbc.sql("select pg_notify('" + JobWakeups.CHANNEL + "', '')").query().singleRow();
    }

    /**
     * Claims up to {@code max} queued, due jobs the executor can run (GPU count and labels), best first, in one
     * statement. {@code SKIP LOCKED} lets concurrent claimers pass each other's rows instead of waiting, and
     * the lock's re-check of {@code state} makes each attempt claimable exactly once.
     */
    List<Lease> claim(long executorId, int gpus, List<String> labels, int max, Duration lease) {
        // one statement, one round trip: the function (V5__queue_claim.sql) carries the planner settings that
        // keep it on the claim-order index; the executor's GPUs and labels come as parameters (cached), not a join
        return jdbc.sql("""
                        select * from queue_claim(:executor, :gpus, cast(:labels as text[]), :max, :leaseMillis)
                        order by priority desc, id""")
                .param("executor", executorId)
                .param("gpus", gpus)
                .param("labels", Labels.literal(labels))
                .param("max", max)
                .param("leaseMillis", lease.toMillis())
                .query((rs, row) -> new Lease(new JobId(rs.getLong("id")), rs.getObject("lease_token", UUID.class),
                        rs.getObject("run_id", UUID.class), rs.getString("kind"), rs.getString("spec"),
                        rs.getInt("attempt"), JobRow.instant(rs, "lease_expires_at")))
                .list();
    }

    /**
     * How long until the earliest queued job this executor could run becomes due (zero or less: one is due
     * now, e.g. it became due a moment after the claim looked); empty when there is none.
     */
    Optional<Duration> untilNextDue(long executorId) {
        return jdbc.sql("""
                        select extract(epoch from min(j.not_before) - now()) * 1000
                        from jobs j, executors x
                        where x.id = :executor and j.state = 'queued' and j.gpus <= x.gpus and j.labels <@ x.labels""")
                .param("executor", executorId)
                .query((rs, row) -> rs.getObject(1) == null ? null : Duration.ofMillis((long) Math.ceil(rs.getDouble(1))))
                .optional();
    }

    record Heartbeat(boolean cancelRequested, Instant leaseExpiresAt) {
    }

    Optional<Heartbeat> heartbeat(long id, UUID token, Double progress, String message, Duration lease) {
        return jdbc.sql("""
                        with j as (
                            update jobs set lease_expires_at = now() + :leaseMillis * interval '1 millisecond',
                                   progress = coalesce(:progress, progress),
                                   progress_message = coalesce(:message, progress_message)
                            where id = :id and lease_token = :token and state = 'running'
                            returning cancel_requested, lease_expires_at, executor_id),
                        x as (update executors e set last_seen_at = now() from j where e.id = j.executor_id)
                        select cancel_requested, lease_expires_at from j""")
                .param("id", id).param("token", token).param("progress", progress).param("message", message)
                .param("leaseMillis", lease.toMillis())
                .query((rs, row) -> new Heartbeat(rs.getBoolean(1), JobRow.instant(rs, "lease_expires_at")))
                .optional();
    }

    /** An executor's report that an attempt ended, fenced by its lease token. */
    record Completion(long id, UUID token, JobOutcome outcome, String error) {
    }

    /**
     * Ends attempts, several in one statement (group commit). A failure is retried after
     * {@code backoff * 2^(attempt-1)} (at most {@code maxBackoff}) while attempts remain, unless a cancel was
     * requested; the history row says which.
     *
     * @return per completion, in their order, the transition; empty where the token was not current
     */
    List<Optional<Transition>> complete(List<Completion> completions, Duration backoff, Duration maxBackoff) {
        Transition[] done = new Transition[completions.size()];
        jdbc.sql("""
                        with c as (
                            select * from unnest(cast(:ids as bigint[]), cast(:tokens as uuid[]),
                                                 cast(:outcomes as text[]), cast(:errors as text[]))
                                          with ordinality as c(id, token, outcome, error, n)),
                        j as (
                            update jobs t set
                                state = case when c.outcome = 'succeeded' then 'succeeded'
                                             when c.outcome = 'cancelled' or t.cancel_requested then 'cancelled'
                                             when t.attempt < t.max_attempts then 'queued'
                                             else 'failed' end,
                                lease_token = null, lease_expires_at = null,
                                progress = case when c.outcome = 'succeeded' then 1 else t.progress end,
                                last_error = case when c.outcome = 'succeeded' then t.last_error
                                                  else coalesce(c.error, t.last_error) end,
                                not_before = case when c.outcome = 'failed' and not t.cancel_requested
                                                       and t.attempt < t.max_attempts
                                                  then now() + least(:backoffMillis * power(2, t.attempt - 1),
                                                                     :maxBackoffMillis) * interval '1 millisecond'
                                                  else t.not_before end,
                                finished_at = case when c.outcome <> 'failed' or t.cancel_requested
                                                        or t.attempt >= t.max_attempts then now() end
                            from c
                            -- a token is set only while running (check constraint), so it fences alone; a
                            -- state = 'running' here lets the planner hash-join every running job's lease index entry,
                            -- dead ones included, instead of looking each job up by its key
                            where t.id = c.id and t.lease_token = c.token
                            returning c.n, c.error, t.id, t.run_id, t.state, t.attempt, t.last_error, t.not_before,
                                      t.executor_id),
                        e as (
                            insert into job_events (job_id, from_state, to_state, attempt, actor, reason)
                            select id, 'running', state, attempt, 'executor:' || executor_id,
                                   case when state = 'queued' then 'attempt failed, retry after backoff: '
                                                                   || coalesce(error, 'no reason given')
                                        when state = 'cancelled' then 'cancelled'
                                        else error end
                            from j)
                        select n, id, run_id, state, attempt, last_error, not_before from j""")
                .param("ids", completions.stream().map(Completion::id).toArray(Long[]::new))
                .param("tokens", completions.stream().map(c -> c.token().toString()).toArray(String[]::new))
                .param("outcomes", completions.stream().map(c -> c.outcome().wireName()).toArray(String[]::new))
                .param("errors", completions.stream().map(Completion::error).toArray(String[]::new))
                .param("backoffMillis", backoff.toMillis())
                .param("maxBackoffMillis", maxBackoff.toMillis())
                // a job listed twice is changed once: only the completion that won finds a row (n is 1-based)
                .query((rs, row) -> done[rs.getInt("n") - 1] = transition(rs, row))
                .list();
        return Arrays.stream(done).map(Optional::ofNullable).toList();
    }

    /** Back to the queue, the attempt not counted (a graceful shutdown is not the job's fault). */
    Optional<Transition> release(long id, UUID token, String reason) {
        return jdbc.sql("""
                        with j as (
                            update jobs set state = case when cancel_requested then 'cancelled' else 'queued' end,
                                   attempt = case when cancel_requested then attempt else attempt - 1 end,
                                   lease_token = null, lease_expires_at = null, not_before = now(),
                                   finished_at = case when cancel_requested then now() end
                            where id = :id and lease_token = :token and state = 'running'
                            returning id, run_id, state, attempt, last_error, not_before, executor_id),
                        e as (
                            insert into job_events (job_id, from_state, to_state, attempt, actor, reason)
                            select id, 'running', state, attempt, 'executor:' || executor_id,
                                   'released: ' || coalesce(:reason, 'executor shutting down') from j)
                        select id, run_id, state, attempt, last_error, not_before from j""")
                .param("id", id).param("token", token).param("reason", reason)
                .query(JobStore::transition).optional();
    }

    /**
     * Requeues running jobs whose lease expired (the next claim is the next attempt), or fails them when no
     * attempt is left, or cancels them when a cancel was requested. Safe with several servers at once.
     */
    List<Transition> rescueExpired(Duration backoff, Duration maxBackoff) {
        return jdbc.sql("""
                        with expired as materialized (
                            select id from jobs where state = 'running' and lease_expires_at < now()
                            order by lease_expires_at limit 500 for update skip locked),
                        j as (
                            update jobs t set
                                state = case when t.cancel_requested then 'cancelled'
                                             when t.attempt >= t.max_attempts then 'failed'
                                             else 'queued' end,
                                lease_token = null, lease_expires_at = null,
                                last_error = 'lease expired on attempt ' || t.attempt
                                             || ' (the executor stopped sending heartbeats)',
                                not_before = case when t.attempt < t.max_attempts
                                                  then now() + least(:backoffMillis * power(2, t.attempt - 1),
                                                                     :maxBackoffMillis) * interval '1 millisecond'
                                                  else t.not_before end,
                                finished_at = case when t.cancel_requested or t.attempt >= t.max_attempts
                                                   then now() end
                            from expired where t.id = expired.id
                            returning t.id, t.run_id, t.state, t.attempt, t.last_error, t.not_before,
                                      t.executor_id),
                        e as (
                            insert into job_events (job_id, from_state, to_state, attempt, actor, reason)
                            select id, 'running', state, attempt, 'rescuer',
                                   'rescued: lease of executor ' || coalesce(executor_id::text, '?') || ' expired'
                            from j)
                        select id, run_id, state, attempt, last_error, not_before from j""")
                .param("backoffMillis", backoff.toMillis()).param("maxBackoffMillis", maxBackoff.toMillis())
                .query(JobStore::transition).list();
    }

    /** Locks the job's row for a user's change (cancel, priority); rare, so clarity beats round trips. */
    Optional<JobRow> lock(long id) {
        return jdbc.sql("select " + JobRow.COLUMNS + JobRow.FROM + " where j.id = :id for update of j")
                .param("id", id).query(JobRow::map).optional();
    }

    void cancelQueued(long id) {
        jdbc.sql("update jobs set state = 'cancelled', finished_at = now() where id = :id and state = 'queued'")
                .param("id", id).update();
    }

    void requestCancel(long id) {
        jdbc.sql("update jobs set cancel_requested = true where id = :id").param("id", id).update();
    }

    void setPriority(long id, int priority) {
        jdbc.sql("update jobs set priority = :priority where id = :id").param("id", id).param("priority", priority)
                .update();
    }

    void recordEvent(long id, JobState from, JobState to, int attempt, String actor, String reason) {
        jdbc.sql("insert into job_events (job_id, from_state, to_state, attempt, actor, reason) "
                        + "values (:id, :from, :to, :attempt, :actor, :reason)")
                .param("id", id).param("from", from == null ? null : from.wireName()).param("to", to.wireName())
                .param("attempt", attempt).param("actor", actor).param("reason", reason).update();
    }

    Optional<JobRow> find(long id) {
        return jdbc.sql("select " + JobRow.COLUMNS + JobRow.FROM + " where j.id = :id")
                .param("id", id).query(JobRow::map).optional();
    }

    Optional<JobRow> findLatestOfRun(UUID runId) {
        return jdbc.sql("select " + JobRow.COLUMNS + JobRow.FROM + " where j.run_id = :run order by j.id desc limit 1")
                .param("run", runId).query(JobRow::map).optional();
    }

    /** Newest first; {@code projectIds} null means every project (admins). */
    List<JobRow> list(JobState state, Collection<Long> projectIds, long beforeId, int limit) {
        return jdbc.sql("select " + JobRow.COLUMNS + JobRow.FROM + " where j.id < :before"
                        + (state == null ? "" : " and j.state = :state")
                        + (projectIds == null ? "" : " and j.project_id = any(:projects)")
                        + " order by j.id desc limit :limit")
                .param("before", beforeId)
                .param("state", state == null ? null : state.wireName())
                .param("projects", projectIds == null ? null : projectIds.toArray(Long[]::new))
                .param("limit", limit)
                .query(JobRow::map).list();
    }

    /** Queued jobs in claim order (the position is among all queued jobs, whatever their project). */
    List<PositionedRow> queued(Collection<Long> projectIds, int limit) {
        return jdbc.sql("select * from (select " + JobRow.COLUMNS + ", row_number() over (order by j.priority desc, "
                        + "j.id) as position" + JobRow.FROM + " where j.state = 'queued') q"
                        + (projectIds == null ? "" : " where q.project_id = any(:projects)")
                        + " order by q.position limit :limit")
                .param("projects", projectIds == null ? null : projectIds.toArray(Long[]::new))
                .param("limit", limit)
                .query((rs, row) -> new PositionedRow(JobRow.map(rs, row), rs.getLong("position"))).list();
    }

    record PositionedRow(JobRow job, long position) {
    }

    List<JobRow> running(Collection<Long> projectIds) {
        return jdbc.sql("select " + JobRow.COLUMNS + JobRow.FROM + " where j.state = 'running'"
                        + (projectIds == null ? "" : " and j.project_id = any(:projects)") + " order by j.id")
                .param("projects", projectIds == null ? null : projectIds.toArray(Long[]::new))
                .query(JobRow::map).list();
    }

    long position(JobRow job) {
        return jdbc.sql("select count(*) + 1 from jobs where state = 'queued' and (priority > :priority "
                        + "or (priority = :priority and id < :id))")
                .param("priority", job.priority()).param("id", job.id()).query(Long.class).single();
    }

    List<JobEvent> events(long id) {
        return jdbc.sql("select occurred_at, from_state, to_state, attempt, actor, reason from job_events "
                        + "where job_id = :id order by id")
                .param("id", id)
                .query((rs, row) -> new JobEvent(JobRow.instant(rs, "occurred_at"),
                        rs.getString("from_state") == null ? null : JobRow.state(rs.getString("from_state")),
                        JobRow.state(rs.getString("to_state")), rs.getInt("attempt"), rs.getString("actor"),
                        rs.getString("reason")))
                .list();
    }

    private static Transition transition(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Transition(rs.getLong("id"), rs.getObject("run_id", UUID.class), JobRow.state(rs.getString("state")),
                rs.getInt("attempt"), rs.getString("last_error"), JobRow.instant(rs, "not_before"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
