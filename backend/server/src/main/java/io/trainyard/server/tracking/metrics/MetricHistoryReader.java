package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.MetricHistory.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Array;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a metric's history: whole, downsampled in SQL, or streamed as CSV. */
@Repository
class MetricHistoryReader {

    /**
     * Per-bucket min/max: the steps are cut into equal-width buckets and each keeps its lowest and highest
     * finite value at the step where it occurs ({@code min(array[value, step, ts])} picks the whole point).
     * Unlike LTTB, which keeps one point per bucket chosen by triangle area, this never drops an extreme, so
     * a single spike among a million points stays on the chart; and it is one aggregate in PostgreSQL, not a
     * million rows shipped to Java.
     */
    private static final String MIN_MAX_BUCKETS = """
            select min(array[value, step, ts]) as low, max(array[value, step, ts]) as high
            from (
                select width_bucket(step::float8, ?, ?, ?) as bucket, step::float8 as step, ts::float8 as ts, value
                from metric_points
                where series_id = ? and value not in ('NaN', 'Infinity', '-Infinity')
            ) points
            group by bucket order by bucket""";

    /**
     * The same from the rollups: every rollup row's low and high point go to the display bucket of their own
     * step, so each extreme lands where it happened even when a rollup bucket straddles two display buckets.
     */
    private static final String MIN_MAX_FROM_ROLLUPS = """
            select min(point) as low, max(point) as high
            from (
                select width_bucket(lo[2], ?, ?, ?) as bucket, lo as point
                from metric_rollups where series_id = ? and width = ? and lo is not null
                union all
                select width_bucket(hi[2], ?, ?, ?) as bucket, hi as point
                from metric_rollups where series_id = ? and width = ? and hi is not null
            ) points
            group by bucket order by bucket""";

    private final JdbcClient jdbc;

    MetricHistoryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Series> series(UUID runId, String key) {
        return jdbc.sql("""
                        select id, point_count, (select min(step) from metric_points where series_id = s.id) as lo,
                               (select max(step) from metric_points where series_id = s.id) as hi
                        from metric_series s where run_id = ? and key = ?""")
                .params(runId, key)
                .query((rs, n) -> new Series(rs.getLong("id"), rs.getLong("point_count"), rs.getLong("lo"),
                        rs.getLong("hi")))
                .optional();
    }

    List<Point> all(Series series) {
        return jdbc.sql("select step, value, ts from metric_points where series_id = ? order by step, ts")
                .param(series.id())
                .query((rs, n) -> new Point(rs.getLong(1), rs.getDouble(2), rs.getLong(3))).list();
    }

    /** At most {@code 2 * buckets} points: each bucket's minimum and maximum, in step order. */
    List<Point> minMax(Series series, int buckets) {
        double from = series.firstStep();
        double to = series.lastStep() + 1.0;
        int width = MetricRollups.widthFor((to - from) / buckets);
        JdbcClient.StatementSpec query = width == 0
                ? jdbc.sql(MIN_MAX_BUCKETS).params(from, to, buckets, series.id())
                : jdbc.sql(MIN_MAX_FROM_ROLLUPS).params(from, to, buckets, series.id(), width,
                        from, to, buckets, series.id(), width);
        return query.query((rs, n) -> {
                    Point low = point(rs.getArray("low"));
                    Point high = point(rs.getArray("high"));
                    if (low.step() == high.step() && low.timestamp() == high.timestamp()) {
                        return List.of(low);
                    }
                    return low.step() <= high.step() ? List.of(low, high) : List.of(high, low);
                })
                .list().stream().flatMap(List::stream).toList();
    }

    /** Every point as CSV (step,value,timestamp), streamed from the database without holding them all. */
    void writeCsv(Series series, Writer out) {
        jdbc.sql("select step, value, ts from metric_points where series_id = ? order by step, ts")
                .param(series.id())
                .withFetchSize(10_000)
                .query(rs -> {
                    try {
                        out.write(Long.toString(rs.getLong(1)));
                        out.write(',');
                        out.write(Double.toString(rs.getDouble(2)));
                        out.write(',');
                        out.write(Long.toString(rs.getLong(3)));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static Point point(Array array) throws java.sql.SQLException {
        Double[] values = (Double[]) array.getArray();
        return new Point(values[1].longValue(), values[0], values[2].longValue());
    }

    record Series(long id, long pointCount, long firstStep, long lastStep) {
    }
}
