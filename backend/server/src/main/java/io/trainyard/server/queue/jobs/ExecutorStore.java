package io.trainyard.server.queue.jobs;

import io.trainyard.server.queue.ExecutorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered executors and what they can run. */
@Repository
class ExecutorStore {

    /** Executors count as "registered" (for "could any executor run this?") this long after last contact. */
    static final Duration REGISTRATION_RETENTION = Duration.ofDays(1);

    record ExecutorRow(long id, String name, int gpus, List<String> labels, int concurrency, String devices,
                       boolean embedded, String registeredBy, Instant registeredAt, Instant lastSeenAt,
                       Instant stoppedAt) {
    }

    /** What an executor can run; fixed at registration, so it is cached (and never stale). */
    record Capabilities(int gpus, List<String> labels) {
    }

    private final JdbcClient jdbc;
    private final Map<Long, Capabilities> capabilities = new ConcurrentHashMap<>();
    // executors re-register under a new ID, so a deregistered ID never claims again (per replica)
    private final java.util.Set<Long> deregistered = ConcurrentHashMap.newKeySet();

    ExecutorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the executor may run; empty once it deregistered, so that a long-poll claim it left behind (its
     * client is gone) can no longer take a job nobody would receive.
     */
    Optional<Capabilities> capabilities(long id) {
        if (deregistered.contains(id)) {
            return Optional.empty();
        }
        Capabilities cached = capabilities.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Capabilities> found = jdbc.sql("select gpus, labels from executors where id = :id").param("id", id)
                .query((rs, row) -> new Capabilities(rs.getInt("gpus"), JobRow.labels(rs.getArray("labels"))))
                .optional();
        found.ifPresent(c -> {
            if (capabilities.size() > 10_000) {
                capabilities.clear();
            }
            capabilities.put(id, c);
        });
        return found;
    }

    long insert(ExecutorSpec spec, List<String> labels, String registeredBy) {
        return jdbc.sql("insert into executors (name, gpus, labels, concurrency, devices, embedded, registered_by) "
                        + "values (:name, :gpus, cast(:labels as text[]), :concurrency, :devices, :embedded, :by) "
                        + "returning id")
                .param("name", spec.name()).param("gpus", spec.gpus()).param("labels", Labels.literal(labels))
                .param("concurrency", spec.concurrency()).param("devices", spec.devices())
                .param("embedded", spec.embedded()).param("by", registeredBy)
                .query(Long.class).single();
    }

    /**
     * Marks the executor as heard from; false when it does not exist or belongs to another user. Writes only
     * when the mark is more than a second old (or the executor was stopped): a busy executor claims many times
     * a second, and each write would be a commit to flush.
     */
    boolean touch(long id, String caller, boolean admin) {
        return jdbc.sql("""
                        with mine as (
                            select id from executors where id = :id and (registered_by = :caller or :admin)),
                        seen as (
                            update executors x set last_seen_at = now(), stopped_at = null from mine
                            where x.id = mine.id
                              and (x.last_seen_at < now() - interval '1 second' or x.stopped_at is not null))
                        select count(*) from mine""")
                .param("id", id).param("caller", caller).param("admin", admin)
                .query(Long.class).single() == 1;
    }

    boolean stop(long id, String caller, boolean admin) {
        boolean stopped = jdbc.sql("update executors set stopped_at = now() where id = :id "
                        + "and (registered_by = :caller or :admin)")
                .param("id", id).param("caller", caller).param("admin", admin).update() == 1;
        if (stopped) {
            if (deregistered.size() > 10_000) {
                deregistered.clear();
            }
            deregistered.add(id);
            capabilities.remove(id);
        }
        return stopped;
    }

    /** Running or recently heard from, newest contact first. */
    List<ExecutorRow> recent() {
        return jdbc.sql("select * from executors where stopped_at is null and last_seen_at > now() - "
                        + ":retentionMillis * interval '1 millisecond' order by last_seen_at desc, id desc limit 500")
                .param("retentionMillis", REGISTRATION_RETENTION.toMillis())
                .query((rs, row) -> new ExecutorRow(rs.getLong("id"), rs.getString("name"), rs.getInt("gpus"),
                        JobRow.labels(rs.getArray("labels")), rs.getInt("concurrency"), rs.getString("devices"),
                        rs.getBoolean("embedded"), rs.getString("registered_by"),
                        JobRow.instant(rs, "registered_at"), JobRow.instant(rs, "last_seen_at"),
                        JobRow.instant(rs, "stopped_at")))
                .list();
    }

    /** Forgets executors stopped or silent for a week (their jobs keep their history; the link is cleared). */
    int forgetOld() {
        return jdbc.sql("delete from executors where coalesce(stopped_at, last_seen_at) < now() - interval '7 days'")
                .update();
    }
}
