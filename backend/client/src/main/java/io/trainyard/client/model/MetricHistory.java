package io.trainyard.client.model;

import java.util.List;

/**
 * A metric's points in step order. When {@code downsampled}, each bucket of steps is represented by its
 * lowest and highest value (at the steps where they occur), so spikes survive; {@code totalPoints} counts
 * the stored points.
 */
public record MetricHistory(String runId, String key, List<Point> points, boolean downsampled, long totalPoints) {

    public record Point(long step, double value, long timestamp) {
    }
}
