package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.JobState;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One row of {@code jobs}, with the executor's name joined in. */
record JobRow(long id, long projectId, UUID runId, String kind, String spec, JobState state, int priority, int gpus,
              List<String> labels, int attempt, int maxAttempts, Instant notBefore, Instant leaseExpiresAt,
              Long executorId, String executorName, boolean cancelRequested, Double progress,
              String progressMessage, String lastError, String requestedBy, Instant createdAt, Instant startedAt,
              Instant finishedAt) {

    static final String COLUMNS = "j.id, j.project_id, j.run_id, j.kind, j.spec::text as spec, j.state, j.priority, "
            + "j.gpus, j.labels, j.attempt, j.max_attempts, j.not_before, j.lease_expires_at, j.executor_id, "
            + "x.name as executor_name, j.cancel_requested, j.progress, j.progress_message, j.last_error, "
            + "j.requested_by, j.created_at, j.started_at, j.finished_at";
    static final String FROM = " from jobs j left join executors x on x.id = j.executor_id ";

    static JobRow map(ResultSet rs, int row) throws SQLException {
        return new JobRow(rs.getLong("id"), rs.getLong("project_id"), rs.getObject("run_id", UUID.class),
                rs.getString("kind"), rs.getString("spec"), state(rs.getString("state")), rs.getInt("priority"),
                rs.getInt("gpus"), labels(rs.getArray("labels")), rs.getInt("attempt"), rs.getInt("max_attempts"),
                instant(rs, "not_before"), instant(rs, "lease_expires_at"), (Long) rs.getObject("executor_id"),
                rs.getString("executor_name"), rs.getBoolean("cancel_requested"), (Double) rs.getObject("progress"),
                rs.getString("progress_message"), rs.getString("last_error"), rs.getString("requested_by"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    static JobState state(String value) {
        return JobState.fromWire(value);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static List<String> labels(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
