package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for runs, params, tags and inputs. Tracking uses plain SQL rather than JPA entities because its writes
 * are set-based (a batch of params is one statement) and its reads assemble many runs at once.
 */
@Repository
public class RunStore {

    static final String SELECT = """
            select r.id, r.experiment_id, r.project_id, p.key as project_key, r.name, r.status, r.lifecycle_stage,
                   r.start_time, r.end_time, r.job_id, r.created_by, r.created_at
            from runs r join projects p on p.id = r.project_id
            """;

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, long experimentId, long projectId, String name, RunStatus status, Instant startTime,
                Long jobId, String createdBy) {
        jdbc.sql("""
                insert into runs (id, experiment_id, project_id, name, status, start_time, job_id, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, experimentId, projectId, name, status.wireName(), timestamp(startTime), jobId, createdBy)
                .update();
    }

    public Optional<RunRow> find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(RunStore::row).optional();
    }

    void updateStatus(UUID id, RunStatus status, Instant endTime) {
        jdbc.sql("""
                update runs set status = ?,
                       start_time = case when ? = 'running' then coalesce(start_time, now()) else start_time end,
                       end_time = case when ? then coalesce(?, end_time, now()) else null end
                where id = ?""")
                .params(status.wireName(), status.wireName(), status.terminal(), timestamp(endTime), id).update();
    }

    void linkJob(UUID id, long jobId) {
        jdbc.sql("update runs set job_id = ? where id = ?").params(jobId, id).update();
    }

    void rename(UUID id, String name) {
        jdbc.sql("update runs set name = ? where id = ?").params(name, id).update();
    }

    void setLifecycle(UUID id, String stage) {
        jdbc.sql("update runs set lifecycle_stage = ?, deleted_at = case when ? = 'deleted' then now() end where id = ?")
                .params(stage, stage, id).update();
    }

    /** The values already stored for these param keys. */
    Map<String, String> params(UUID id, List<String> keys) {
        Map<String, String> found = new HashMap<>();
        jdbc.sql("select key, value from run_params where run_id = ? and key = any(?)")
                .params(id, keys.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                });
        return found;
    }

    void insertParams(UUID id, Map<String, String> params) {
        if (params.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into run_params (run_id, key, value) select ?, k, v from unnest(?, ?) as t(k, v)
                on conflict (run_id, key) do nothing""")
                .params(id, params.keySet().toArray(String[]::new), params.values().toArray(String[]::new)).update();
    }

    void upsertTags(UUID id, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into run_tags (run_id, key, value) select ?, k, v from unnest(?, ?) as t(k, v)
                on conflict (run_id, key) do update set value = excluded.value""")
                .params(id, tags.keySet().toArray(String[]::new), tags.values().toArray(String[]::new)).update();
    }

    boolean deleteTag(UUID id, String key) {
        return jdbc.sql("delete from run_tags where run_id = ? and key = ?").params(id, key).update() > 0;
    }

    void insertInput(UUID id, RunInputRow input) {
        jdbc.sql("""
                insert into run_inputs (run_id, dataset_version_id, name, digest, source_type, source, schema,
                                        profile, context)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (run_id, name, digest, context) do nothing""")
                .params(id, input.datasetVersionId(), input.name(), input.digest(), input.sourceType(),
                        input.source(), input.schema(), input.profile(), input.context())
                .update();
    }

    Map<UUID, Map<String, String>> params(List<UUID> runs) {
        return keyValues("select run_id, key, value from run_params where run_id = any(?) order by key", runs);
    }

    Map<UUID, Map<String, String>> tags(List<UUID> runs) {
        return keyValues("select run_id, key, value from run_tags where run_id = any(?) order by key", runs);
    }

    Map<UUID, Map<String, Double>> latestMetrics(List<UUID> runs) {
        Map<UUID, Map<String, Double>> result = new HashMap<>();
        jdbc.sql("select run_id, key, latest_value from metric_series where run_id = any(?) order by key")
                .param(runs.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getDouble(3));
                });
        return result;
    }

    /** Each metric's latest point (by step, then time), for the MLflow view of runs. */
    Map<UUID, List<LatestMetric>> latestMetricPoints(List<UUID> runs) {
        Map<UUID, List<LatestMetric>> result = new HashMap<>();
        jdbc.sql("select run_id, key, latest_value, latest_step, latest_ts from metric_series "
                        + "where run_id = any(?) and latest_step is not null order by key")
                .param(runs.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new LatestMetric(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
                });
        return result;
    }

    /** A metric's latest point. */
    public record LatestMetric(String key, double value, long step, long timestamp) {
    }

    /** Inputs with, for Trainyard versions, the dataset name and version number. */
    Map<UUID, List<StoredInput>> inputs(List<UUID> runs) {
        Map<UUID, List<StoredInput>> result = new HashMap<>();
        jdbc.sql("""
                select i.run_id, i.dataset_version_id, d.name as dataset, v.version, i.name, i.digest, i.source_type,
                       i.source, i.schema, i.profile, i.context
                from run_inputs i
                left join dataset_versions v on v.id = i.dataset_version_id
                left join datasets d on d.id = v.dataset_id
                where i.run_id = any(?) order by i.id""")
                .param(runs.toArray(UUID[]::new))
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject("run_id", UUID.class), k -> new ArrayList<>())
                            .add(new StoredInput(rs.getString("dataset"), (Integer) rs.getObject("version"),
                                    new RunInputRow((Long) rs.getObject("dataset_version_id"), rs.getString("name"),
                                            rs.getString("digest"), rs.getString("source_type"),
                                            rs.getString("source"), rs.getString("schema"), rs.getString("profile"),
                                            rs.getString("context"))));
                });
        return result;
    }

    /** Runs that used a dataset version, newest first. */
    List<RunRow> usingVersion(long datasetVersionId, int limit) {
        return jdbc.sql(SELECT + """
                         where r.id in (select run_id from run_inputs where dataset_version_id = ?)
                         and r.lifecycle_stage = 'active' order by r.created_at desc limit ?""")
                .params(datasetVersionId, limit).query(RunStore::row).list();
    }

    /** A stored input with the Trainyard dataset it names, if it names one. */
    public record StoredInput(String dataset, Integer version, RunInputRow input) {
    }

    private Map<UUID, Map<String, String>> keyValues(String sql, List<UUID> runs) {
        Map<UUID, Map<String, String>> result = new HashMap<>();
        jdbc.sql(sql).param(runs.toArray(UUID[]::new)).query(rs -> {
            result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                    .put(rs.getString(2), rs.getString(3));
        });
        return result;
    }

    static RunRow row(ResultSet rs, int n) throws SQLException {
        return new RunRow(rs.getObject("id", UUID.class), rs.getLong("experiment_id"), rs.getLong("project_id"),
                rs.getString("project_key"), rs.getString("name"),
                RunStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("lifecycle_stage"),
                instant(rs.getTimestamp("start_time")), instant(rs.getTimestamp("end_time")),
                (Long) rs.getObject("job_id"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
