package io.trainyard.server.tracking.metrics;

import io.trainyard.server.tracking.metrics.MetricWriter.LockedSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.jdbc.PgConnection;

/**
 * Stores any batch, skipping points already stored or repeated within it: the points go through
 * {@code unnest} into {@code INSERT ... ON CONFLICT DO NOTHING}, and the same statement folds the rows actually
 * inserted into the series' summaries and {@link MetricRollups}.
 */
final class MergeStatement {

    private static final String SQL = """
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
                select series_id, width, step / width as bucket,
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

    private MergeStatement() {
    }

    /** Returns how many points were new. */
    static int execute(Connection connection, MetricBatch batch, List<LockedSeries> series) throws SQLException {
        int n = batch.size();
        long[] seriesIds = new long[n];
        for (int i = 0; i < n; i++) {
            seriesIds[i] = series.get(batch.keyIndex(i)).id();
        }
        PgConnection pg = connection.unwrap(PgConnection.class);
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setArray(1, pg.createArrayOf("int8", seriesIds));
            statement.setArray(2, pg.createArrayOf("int8", batch.steps()));
            statement.setArray(3, pg.createArrayOf("int8", batch.timestamps()));
            statement.setArray(4, pg.createArrayOf("float8", batch.values()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
