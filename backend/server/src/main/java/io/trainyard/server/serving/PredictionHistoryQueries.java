package io.trainyard.server.serving;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reads behind {@link PredictionHistory}. Each query walks the (model, time) index newest first, so the
 * limit keeps the newest rows, and the result is reversed in memory (cheaper than a second sort in
 * PostgreSQL). Ties in time (the rows of one predict request) are ordered by id, so a cut is repeatable.
 * Rows arrive in chunks ({@link #FETCH_SIZE}): PostgreSQL's driver only streams inside a transaction.
 */
@Repository
class PredictionHistoryQueries {

    private static final int FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    PredictionHistoryQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    List<PastPrediction> between(long modelId, Instant from, Instant to, int limit) {
        return newestFirstReversed(jdbc.sql("""
                        select id, version, predicted_at, features::text as features, output::text as output
                        from prediction_log
                        where model_id = ? and predicted_at >= ? and predicted_at < ?
                        order by predicted_at desc, id desc
                        limit ?""")
                .params(modelId, utc(from), utc(to), limit), PredictionHistoryQueries::past);
    }

    List<PastPrediction> latest(long modelId, int limit) {
        return newestFirstReversed(jdbc.sql("""
                        select id, version, predicted_at, features::text as features, output::text as output
                        from prediction_log
                        where model_id = ?
                        order by predicted_at desc, id desc
                        limit ?""")
                .params(modelId, limit), PredictionHistoryQueries::past);
    }

    /** From the feedback's own (model, time) index: labels are usually few among many predictions. */
    List<LabelledPrediction> labelled(long modelId, Instant from, Instant to, int limit) {
        return newestFirstReversed(jdbc.sql("""
                        select l.id, l.version, l.predicted_at, l.output::text as output, f.label
                        from prediction_feedback f
                        join prediction_log l on l.id = f.prediction_id
                        where f.model_id = ? and f.predicted_at >= ? and f.predicted_at < ?
                        order by f.predicted_at desc, f.prediction_id desc
                        limit ?""")
                .params(modelId, utc(from), utc(to), limit), PredictionHistoryQueries::labelled);
    }

    long count(long modelId, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) from prediction_log
                        where model_id = ? and predicted_at >= ? and predicted_at < ?""")
                .params(modelId, utc(from), utc(to))
                .query(Long.class).single();
    }

    private <T> List<T> newestFirstReversed(JdbcClient.StatementSpec query, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        readOnly.executeWithoutResult(status -> query.withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    rows.add(mapper.mapRow(rs, rows.size()));
                }));
        Collections.reverse(rows);
        return rows;
    }

    private static PastPrediction past(ResultSet rs, int n) throws SQLException {
        return new PastPrediction(rs.getObject("id", java.util.UUID.class), rs.getInt("version"),
                rs.getObject("predicted_at", OffsetDateTime.class).toInstant(), rs.getString("features"),
                rs.getString("output"));
    }

    private static LabelledPrediction labelled(ResultSet rs, int n) throws SQLException {
        return new LabelledPrediction(rs.getObject("id", java.util.UUID.class), rs.getInt("version"),
                rs.getObject("predicted_at", OffsetDateTime.class).toInstant(), rs.getString("output"),
                rs.getString("label"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
