package io.trainyard.server.tracking.metrics;

import io.trainyard.server.tracking.metrics.AppendAggregates.Bucket;
import io.trainyard.server.tracking.metrics.AppendAggregates.SeriesDelta;
import io.trainyard.server.tracking.metrics.MetricWriter.LockedSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.jdbc.PgConnection;

/**
 * Stores a batch that cannot hold a duplicate (see {@link MetricWriter}): a plain insert of the points, the
 * rollup buckets and the series summaries as computed by {@link AppendAggregates}, in one statement. The points
 * travel as primitive arrays, which PgJDBC sends in binary form.
 */
final class AppendStatement {

    private static final String SQL = """
            with points as (
                insert into metric_points (series_id, step, ts, value)
                select * from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::float8[])
            ), rollups as (
                insert into metric_rollups (series_id, width, bucket, lo, hi)
                select series_id, width, bucket,
                       case when lo_value is not null then array[lo_value, lo_step, lo_ts] end,
                       case when hi_value is not null then array[hi_value, hi_step, hi_ts] end
                from unnest(?::bigint[], ?::int[], ?::bigint[], ?::float8[], ?::float8[], ?::float8[],
                            ?::float8[], ?::float8[], ?::float8[])
                    as r (series_id, width, bucket, lo_value, lo_step, lo_ts, hi_value, hi_step, hi_ts)
                on conflict (series_id, width, bucket) do update
                    set lo = least(metric_rollups.lo, excluded.lo), hi = greatest(metric_rollups.hi, excluded.hi)
            )
            update metric_series s set
                point_count = s.point_count + u.n,
                min_value = least(s.min_value, u.low),
                max_value = greatest(s.max_value, u.high),
                latest_step = u.step, latest_ts = u.ts, latest_value = u.value
            from unnest(?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::bigint[], ?::bigint[], ?::float8[])
                as u (id, n, low, high, step, ts, value)
            where s.id = u.id""";

    private AppendStatement() {
    }

    /** Returns the number of points stored: all of them. */
    static int execute(Connection connection, MetricBatch batch, List<LockedSeries> series,
                       AppendAggregates aggregates) throws SQLException {
        PgConnection pg = connection.unwrap(PgConnection.class);
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            int n = batch.size();
            long[] seriesIds = new long[n];
            for (int i = 0; i < n; i++) {
                seriesIds[i] = series.get(batch.keyIndex(i)).id();
            }
            statement.setArray(1, pg.createArrayOf("int8", seriesIds));
            statement.setArray(2, pg.createArrayOf("int8", batch.steps()));
            statement.setArray(3, pg.createArrayOf("int8", batch.timestamps()));
            statement.setArray(4, pg.createArrayOf("float8", batch.values()));
            setBuckets(statement, pg, aggregates.buckets(), series);
            setSeries(statement, pg, aggregates.series(), series, batch);
            statement.executeUpdate();
            return n;
        }
    }

    private static void setBuckets(PreparedStatement statement, PgConnection pg, List<Bucket> buckets,
                                   List<LockedSeries> series) throws SQLException {
        int n = buckets.size();
        long[] ids = new long[n];
        int[] widths = new int[n];
        long[] numbers = new long[n];
        Double[][] ends = new Double[6][n]; // lo value, step, ts; hi value, step, ts (null: no finite point)
        for (int i = 0; i < n; i++) {
            Bucket bucket = buckets.get(i);
            ids[i] = series.get(bucket.keyIndex()).id();
            widths[i] = bucket.width();
            numbers[i] = bucket.bucket();
            for (int e = 0; e < 3 && bucket.lo() != null; e++) {
                ends[e][i] = bucket.lo()[e];
                ends[3 + e][i] = bucket.hi()[e];
            }
        }
        statement.setArray(5, pg.createArrayOf("int8", ids));
        statement.setArray(6, pg.createArrayOf("int4", widths));
        statement.setArray(7, pg.createArrayOf("int8", numbers));
        for (int e = 0; e < 6; e++) {
            statement.setArray(8 + e, pg.createArrayOf("float8", ends[e]));
        }
    }

    private static void setSeries(PreparedStatement statement, PgConnection pg, List<SeriesDelta> deltas,
                                  List<LockedSeries> series, MetricBatch batch) throws SQLException {
        int n = deltas.size();
        long[] ids = new long[n];
        long[] counts = new long[n];
        Double[] lows = new Double[n];
        Double[] highs = new Double[n];
        long[] steps = new long[n];
        long[] timestamps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            SeriesDelta delta = deltas.get(i);
            ids[i] = series.get(delta.keyIndex()).id();
            counts[i] = delta.count();
            lows[i] = delta.low();
            highs[i] = delta.high();
            steps[i] = batch.step(delta.newest());
            timestamps[i] = batch.timestamp(delta.newest());
            values[i] = batch.value(delta.newest());
        }
        statement.setArray(14, pg.createArrayOf("int8", ids));
        statement.setArray(15, pg.createArrayOf("int8", counts));
        statement.setArray(16, pg.createArrayOf("float8", lows));
        statement.setArray(17, pg.createArrayOf("float8", highs));
        statement.setArray(18, pg.createArrayOf("int8", steps));
        statement.setArray(19, pg.createArrayOf("int8", timestamps));
        statement.setArray(20, pg.createArrayOf("float8", values));
    }
}
