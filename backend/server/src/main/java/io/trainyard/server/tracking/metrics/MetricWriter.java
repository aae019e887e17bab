package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.MetricPoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.jdbc.PgConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Appends metric points and keeps each series' summary (latest by step, min, max, count) in the same
 * statement. The batch travels as four arrays through {@code unnest}: one round trip and one plan for
 * 10,000 points, close to what COPY costs, while {@code ON CONFLICT DO NOTHING} keeps resent points
 * idempotent (COPY cannot skip duplicates). The same statement folds the new points into the series'
 * {@link MetricRollups}.
 */
@Repository
class MetricWriter {

    private static final String ENSURE_SERIES = """
            insert into metric_series (run_id, key) select ?, k from unnest(?::varchar[]) as t(k)
            on conflict (run_id, key) do nothing""";

    private static final String SERIES_IDS = "select id, key from metric_series where run_id = ? and key = any(?)";

    private static final String APPEND = """
            with input (series_id, step, ts, value) as (
                select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::float8[])
            ), inserted as (
                insert into metric_points (series_id, step, ts, value)
                select series_id, step, ts, value from input
                on conflict do nothing
                returning series_id, step, ts, value
            ), totals as (
                select series_id, count(*) as n,
                       min(value) filter (where value <> 'NaN') as low,
                       max(value) filter (where value <> 'NaN') as high
                from inserted group by series_id
            ), rolled as (
                select series_id, width, div(step, width) as bucket,
                       min(array[value, step, ts]) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as lo,
                       max(array[value, step, ts]) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as hi
                from inserted cross join (values (%d), (%d)) as widths (width)
                group by 1, 2, 3
            ), rollups as (
                insert into metric_rollups (series_id, width, bucket, lo, hi)
                select series_id, width, bucket, lo, hi from rolled
                on conflict (series_id, width, bucket) do update
                    set lo = least(metric_rollups.lo, excluded.lo), hi = greatest(metric_rollups.hi, excluded.hi)
            ), newest as (
                select distinct on (series_id) series_id, step, ts, value
                from inserted order by series_id, step desc, ts desc, value desc
            ), updated as (
                update metric_series s set
                    point_count = s.point_count + t.n,
                    min_value = least(s.min_value, t.low),
                    max_value = greatest(s.max_value, t.high),
                    latest_value = case when s.latest_step is null or (n.step, n.ts) >= (s.latest_step, s.latest_ts)
                                        then n.value else s.latest_value end,
                    latest_ts = case when s.latest_step is null or (n.step, n.ts) >= (s.latest_step, s.latest_ts)
                                     then n.ts else s.latest_ts end,
                    latest_step = case when s.latest_step is null or (n.step, n.ts) >= (s.latest_step, s.latest_ts)
                                       then n.step else s.latest_step end
                from totals t join newest n on n.series_id = t.series_id
                where s.id = t.series_id
                returning t.n
            )
            select coalesce(sum(n), 0) from updated""".formatted(MetricRollups.FINE, MetricRollups.COARSE);

    private final JdbcTemplate jdbc;

    MetricWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the points (already validated) and returns how many were new. Joins the caller's transaction. */
    int append(UUID runId, List<MetricPoint> points, long now) {
        if (points.isEmpty()) {
            return 0;
        }
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            Map<String, Long> series = seriesIds(connection, runId, points);
            int n = points.size();
            long[] seriesIds = new long[n];
            long[] steps = new long[n];
            long[] timestamps = new long[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                MetricPoint point = points.get(i);
                seriesIds[i] = series.get(point.key());
                steps[i] = point.step() == null ? 0 : point.step();
                timestamps[i] = point.timestamp() == null ? now : point.timestamp();
                values[i] = point.value();
            }
            // primitive arrays go through PgJDBC's own createArrayOf, which sends them in binary form
            PgConnection pg = connection.unwrap(PgConnection.class);
            try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
                statement.setArray(1, pg.createArrayOf("int8", seriesIds));
                statement.setArray(2, pg.createArrayOf("int8", steps));
                statement.setArray(3, pg.createArrayOf("int8", timestamps));
                statement.setArray(4, pg.createArrayOf("float8", values));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static Map<String, Long> seriesIds(Connection connection, UUID runId, List<MetricPoint> points)
            throws SQLException {
        // sorted, so that concurrent batches for one run take the series locks in the same order
        Set<String> keys = new TreeSet<>();
        points.forEach(point -> keys.add(point.key()));
        Array keyArray = connection.createArrayOf("varchar", keys.toArray());
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_SERIES)) {
            ensure.setObject(1, runId);
            ensure.setArray(2, keyArray);
            ensure.executeUpdate();
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SERIES_IDS)) {
            select.setObject(1, runId);
            select.setArray(2, keyArray);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
