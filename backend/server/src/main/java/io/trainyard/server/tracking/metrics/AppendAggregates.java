package io.trainyard.server.tracking.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * What an append-only batch (see {@link MetricWriter}) adds to its series' summaries and rollups, computed in
 * one pass over the columns instead of by aggregates over the inserted rows in SQL. Every point of such a batch
 * is stored, and within a series the points come in rising (step, timestamp) order, so the newest point is the
 * last and each rollup bucket is one contiguous stretch of the series.
 *
 * <p>Ties are broken as PostgreSQL's {@code min}/{@code max} break them (the later input wins), so the rollups
 * hold exactly what the general statement would store.
 */
final class AppendAggregates {

    /** The summary change of one series: count, min/max over non-NaN values (null when none), newest point. */
    record SeriesDelta(int keyIndex, long count, Double low, Double high, int newest) {
    }

    /** One rollup bucket's lowest and highest finite point as {value, step, ts}; both null when none is finite. */
    record Bucket(int keyIndex, int width, long bucket, double[] lo, double[] hi) {
    }

    private static final int[] WIDTHS = {MetricRollups.FINE, MetricRollups.COARSE};

    private final List<SeriesDelta> series = new ArrayList<>();
    private final List<Bucket> buckets = new ArrayList<>();

    private AppendAggregates() {
    }

    static AppendAggregates of(MetricBatch batch) {
        int keys = batch.keys().size();
        long[] counts = new long[keys];
        double[] lows = new double[keys];
        double[] highs = new double[keys];
        boolean[] ordered = new boolean[keys];
        int[] newest = new int[keys];
        OpenBucket[][] open = new OpenBucket[keys][WIDTHS.length];
        AppendAggregates result = new AppendAggregates();
        for (int i = 0; i < batch.size(); i++) {
            int key = batch.keyIndex(i);
            double value = batch.value(i);
            counts[key]++;
            newest[key] = i;
            if (!Double.isNaN(value)) {
                // float8smaller/float8larger: keep the state only when strictly better
                lows[key] = ordered[key] && lows[key] < value ? lows[key] : value;
                highs[key] = ordered[key] && highs[key] > value ? highs[key] : value;
                ordered[key] = true;
            }
            for (int w = 0; w < WIDTHS.length; w++) {
                long bucket = batch.step(i) / WIDTHS[w]; // truncates toward zero, as the SQL division does
                OpenBucket current = open[key][w];
                if (current == null || current.bucket != bucket) {
                    if (current != null) {
                        result.buckets.add(current.close());
                    }
                    current = new OpenBucket(key, WIDTHS[w], bucket);
                    open[key][w] = current;
                }
                current.add(value, batch.step(i), batch.timestamp(i));
            }
        }
        for (int key = 0; key < keys; key++) {
            if (counts[key] > 0) {
                result.series.add(new SeriesDelta(key, counts[key], ordered[key] ? lows[key] : null,
                        ordered[key] ? highs[key] : null, newest[key]));
            }
            for (OpenBucket bucket : open[key]) {
                if (bucket != null) {
                    result.buckets.add(bucket.close());
                }
            }
        }
        return result;
    }

    List<SeriesDelta> series() {
        return series;
    }

    List<Bucket> buckets() {
        return buckets;
    }

    /** A bucket being filled: min and max of {value, step, ts} compared element by element, as float8 arrays are. */
    private static final class OpenBucket {

        private final int keyIndex;
        private final int width;
        private final long bucket;
        private double[] lo;
        private double[] hi;

        OpenBucket(int keyIndex, int width, long bucket) {
            this.keyIndex = keyIndex;
            this.width = width;
            this.bucket = bucket;
        }

        void add(double value, long step, long timestamp) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return;
            }
            double[] point = {value, step, timestamp};
            // array_smaller/array_larger: keep the state only when strictly smaller/larger
            lo = lo != null && compare(lo, point) < 0 ? lo : point;
            hi = hi != null && compare(hi, point) > 0 ? hi : point;
        }

        Bucket close() {
            return new Bucket(keyIndex, width, bucket, lo, hi);
        }

        private static int compare(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    return a[i] < b[i] ? -1 : 1;
                }
            }
            return 0;
        }
    }
}
