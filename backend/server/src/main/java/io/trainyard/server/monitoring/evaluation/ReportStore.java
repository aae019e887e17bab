package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.MonitorTransition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reports (the whole API report as JSON, with the columns lists and charts filter on) and state transitions. */
@Repository
public class ReportStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReportStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(long monitorId, String trigger, DriftReport report) {
        return jdbc.sql("""
                        insert into monitor_reports (monitor_id, trigger, status, model_version, window_start,
                                                     window_end, drifted_share, report)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) returning id""")
                .params(monitorId, trigger, report.status(), report.modelVersion(), timestamp(report.windowStart()),
                        timestamp(report.windowEnd()), report.driftedShare(), json.writeValueAsString(report))
                .query(Long.class).single();
    }

    void transition(long monitorId, long reportId, String from, String to, UUID retrainRunId) {
        jdbc.sql("""
                        insert into monitor_transitions (monitor_id, report_id, from_state, to_state, retrain_run_id)
                        values (?, ?, ?, ?, ?)""")
                .params(monitorId, reportId, from, to, retrainRunId).update();
    }

    /** Newest first, ids below {@code below}. */
    public List<DriftReport> list(long monitorId, long below, int limit) {
        return jdbc.sql("""
                        select r.id, r.report, t.retrain_run_id from monitor_reports r
                        left join monitor_transitions t on t.report_id = r.id
                        where r.monitor_id = ? and r.id < ? order by r.id desc limit ?""")
                .params(monitorId, below, limit).query(this::report).list();
    }

    public Optional<DriftReport> find(long monitorId, long reportId) {
        return jdbc.sql("""
                        select r.id, r.report, t.retrain_run_id from monitor_reports r
                        left join monitor_transitions t on t.report_id = r.id
                        where r.monitor_id = ? and r.id = ?""")
                .params(monitorId, reportId).query(this::report).optional();
    }

    public List<MonitorTransition> transitions(long monitorId, int limit) {
        return jdbc.sql("""
                        select from_state, to_state, at, report_id, retrain_run_id from monitor_transitions
                        where monitor_id = ? order by id desc limit ?""")
                .params(monitorId, limit)
                .query((rs, n) -> new MonitorTransition(rs.getString("from_state"), rs.getString("to_state"),
                        rs.getTimestamp("at").toInstant(), rs.getLong("report_id"),
                        runId(rs.getObject("retrain_run_id", UUID.class))))
                .list();
    }

    private DriftReport report(ResultSet rs, int n) throws SQLException {
        DriftReport stored = json.readValue(rs.getString("report"), DriftReport.class);
        return new DriftReport(rs.getLong("id"), stored.monitorId(), stored.status(), stored.modelVersion(),
                stored.reference(), stored.current(), stored.windowStart(), stored.windowEnd(), stored.drifted(),
                stored.testedFeatures(), stored.driftedFeatures(), stored.driftedShare(), stored.driftShare(),
                stored.features(), stored.output(), stored.schemaProblems(), stored.performance(),
                runId(rs.getObject("retrain_run_id", UUID.class)), stored.createdAt(), stored.error());
    }

    private static String runId(UUID id) {
        return id == null ? null : io.trainyard.server.tracking.RunIds.format(id);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
