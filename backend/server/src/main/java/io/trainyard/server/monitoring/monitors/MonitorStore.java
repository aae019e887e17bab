package io.trainyard.server.monitoring.monitors;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftThresholds;
import io.trainyard.client.model.MonitorWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The monitors table; specs are kept as JSON in the API's own shapes. */
@Repository
public class MonitorStore {

    private static final String SELECT = """
            select m.id, m.project_id, p.key as project_key, m.name, m.model_name, m.alias, m.reference,
                   m.window_spec, m.schedule_seconds, m.thresholds, m.action, m.retrain, m.state, m.next_run_at,
                   m.last_evaluated_at, m.created_by, m.created_at
            from monitors m join projects p on p.id = m.project_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MonitorStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(long projectId, String name, String model, String alias, DatasetSelector reference,
                MonitorWindow window, Integer scheduleSeconds, DriftThresholds thresholds, String action,
                DatasetSelector retrain, Instant nextRunAt, String createdBy) {
        return jdbc.sql("""
                        insert into monitors (project_id, name, model_name, alias, reference, window_spec,
                                              schedule_seconds, thresholds, action, retrain, next_run_at, created_by)
                        values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), ?,
                                cast(? as jsonb), ?, ?)
                        returning id""")
                .params(projectId, name, model, alias, write(reference), write(window), scheduleSeconds,
                        thresholds == null ? "{}" : write(thresholds), action, write(retrain),
                        nextRunAt == null ? null : Timestamp.from(nextRunAt), createdBy)
                .query(Long.class).single();
    }

    boolean exists(long projectId, String name) {
        return jdbc.sql("select count(*) from monitors where project_id = ? and name = ?").params(projectId, name)
                .query(Long.class).single() > 0;
    }

    public Optional<MonitorRow> find(long id) {
        return jdbc.sql(SELECT + " where m.id = ?").param(id).query(this::row).optional();
    }

    /** The monitor, locked for this transaction, if it is due; another server holding it is skipped. */
    public Optional<MonitorRow> lockIfDue(long id, Instant now) {
        return jdbc.sql(SELECT + " where m.id = ? and m.next_run_at <= ? for update of m skip locked")
                .params(id, Timestamp.from(now)).query(this::row).optional();
    }

    /** The monitor, locked for this transaction (waits for a running evaluation). */
    public Optional<MonitorRow> lock(long id) {
        return jdbc.sql(SELECT + " where m.id = ? for update of m").param(id).query(this::row).optional();
    }

    /** Due monitors' ids, oldest window first. */
    public List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from monitors where next_run_at <= ? order by next_run_at limit ?")
                .params(Timestamp.from(now), limit).query(Long.class).list();
    }

    List<MonitorRow> list(long projectId) {
        return jdbc.sql(SELECT + " where m.project_id = ? order by m.name").param(projectId).query(this::row).list();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from monitors where id = ?").param(id).update() > 0;
    }

    /** After an evaluation: the new state, and the next window's end for a scheduled one. */
    public void evaluated(long id, String state, Instant evaluatedAt, Instant nextRunAt, boolean scheduled) {
        jdbc.sql("""
                        update monitors set state = ?, last_evaluated_at = ?,
                               next_run_at = case when ? then ? else next_run_at end
                        where id = ?""")
                .params(state, Timestamp.from(evaluatedAt), scheduled,
                        nextRunAt == null ? null : Timestamp.from(nextRunAt), id)
                .update();
    }

    private MonitorRow row(ResultSet rs, int n) throws SQLException {
        Timestamp next = rs.getTimestamp("next_run_at");
        Timestamp last = rs.getTimestamp("last_evaluated_at");
        return new MonitorRow(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_key"),
                rs.getString("name"), rs.getString("model_name"), rs.getString("alias"),
                read(rs.getString("reference"), DatasetSelector.class),
                read(rs.getString("window_spec"), MonitorWindow.class), (Integer) rs.getObject("schedule_seconds"),
                read(rs.getString("thresholds"), DriftThresholds.class), rs.getString("action"),
                read(rs.getString("retrain"), DatasetSelector.class), rs.getString("state"),
                next == null ? null : next.toInstant(), last == null ? null : last.toInstant(),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    private String write(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private <T> T read(String text, Class<T> type) {
        return text == null ? null : json.readValue(text, type);
    }
}
