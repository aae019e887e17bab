package io.trainyard.server.tracking.metrics;

/**
 * The step-bucket widths of {@code metric_rollups}. A history downsampled to buckets of at least
 * {@link #COARSE} steps reads the coarse rollups, of at least {@link #FINE} steps the fine ones, else the points:
 * a million-step metric is then read as about 250 or 16,000 rows instead of a million.
 */
final class MetricRollups {

    static final int FINE = 64;
    static final int COARSE = 4096;

    private MetricRollups() {
    }

    /** The rollup width to read for display buckets {@code bucketWidth} steps wide, or 0 for the raw points. */
    static int widthFor(double bucketWidth) {
        if (bucketWidth >= COARSE) {
            return COARSE;
        }
        return bucketWidth >= FINE ? FINE : 0;
    }
}
