package io.trainyard.server.tracking.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Appends metric points and keeps each series' summary (latest by step, min, max, count) and
 * {@link MetricRollups} in the same transaction, in one statement per batch. The batch's series rows are locked
 * first (in key order, so concurrent batches of one run cannot deadlock); under that lock a batch whose points
 * all come after everything stored, in rising order, cannot hold a duplicate, so it takes the
 * {@link AppendStatement} (a plain insert, its aggregates computed in Java). Any other batch (a resend,
 * out-of-order steps) takes the {@link MergeStatement}, which skips duplicates with {@code ON CONFLICT DO NOTHING}
 * and aggregates the rows actually inserted.
 */
@Repository
class MetricWriter {

    private static final String ENSURE_SERIES = """
            insert into metric_series (run_id, key) select ?, k from unnest(?::varchar[]) as t(k)
            on conflict (run_id, key) do nothing""";

    private static final String LOCK_SERIES = """
            select id, key, latest_step, latest_ts from metric_series where run_id = ? and key = any(?)
            order by key for no key update""";

    private final JdbcTemplate jdbc;

    MetricWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the points (already validated) and returns how many were new. Joins the caller's transaction. */
    int append(UUID runId, MetricBatch batch) {
        if (batch.size() == 0) {
            return 0;
        }
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            List<LockedSeries> series = lockSeries(connection, runId, batch.keys());
            return appendsOnly(batch, series)
                    ? AppendStatement.execute(connection, batch, series, AppendAggregates.of(batch))
                    : MergeStatement.execute(connection, batch, series);
        });
    }

    /** A series row as locked for this batch: its ID and its newest stored point (null steps when it has none). */
    record LockedSeries(long id, Long latestStep, Long latestTs) {

        /** Whether everything stored comes before a point at (step, ts), which so cannot duplicate one. */
        boolean isOlderThan(long step, long ts) {
            return latestStep == null || step > latestStep || (step == latestStep && ts > latestTs);
        }
    }

    /** The batch's series, created where new and locked, in the order of {@link MetricBatch#keys()}. */
    private static List<LockedSeries> lockSeries(Connection connection, UUID runId, List<String> keys)
            throws SQLException {
        // sorted, so that concurrent batches for one run take the series locks in the same order
        Array keyArray = connection.createArrayOf("varchar", keys.stream().sorted().toArray());
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_SERIES)) {
            ensure.setObject(1, runId);
            ensure.setArray(2, keyArray);
            ensure.executeUpdate();
        }
        TreeMap<String, LockedSeries> locked = new TreeMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SERIES)) {
            lock.setObject(1, runId);
            lock.setArray(2, keyArray);
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    locked.put(rs.getString(2), new LockedSeries(rs.getLong(1), rs.getObject(3, Long.class),
                            rs.getObject(4, Long.class)));
                }
            }
        }
        return keys.stream().map(locked::get).toList();
    }

    /**
     * Whether every point comes after its series' newest stored point and after the batch's previous point of the
     * same series: then none is a duplicate, of a stored point or of another in the batch.
     */
    private static boolean appendsOnly(MetricBatch batch, List<LockedSeries> series) {
        int keys = series.size();
        long[] lastStep = new long[keys];
        long[] lastTs = new long[keys];
        boolean[] seen = new boolean[keys];
        for (int i = 0; i < batch.size(); i++) {
            int key = batch.keyIndex(i);
            long step = batch.step(i);
            long ts = batch.timestamp(i);
            boolean after = seen[key]
                    ? step > lastStep[key] || (step == lastStep[key] && ts > lastTs[key])
                    : series.get(key).isOlderThan(step, ts);
            if (!after) {
                return false;
            }
            seen[key] = true;
            lastStep[key] = step;
            lastTs[key] = ts;
        }
        return true;
    }
}
