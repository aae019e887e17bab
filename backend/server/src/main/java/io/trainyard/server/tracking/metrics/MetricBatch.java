package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.MetricPoint;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.tracking.runs.RunService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated batch of metric points held as columns (key index, step, timestamp, value): 10,000 points are a
 * few primitive arrays instead of 10,000 objects, and go to the database as they are.
 */
final class MetricBatch {

    private final List<String> keys;
    private final int[] keyIndex;
    private final long[] steps;
    private final long[] timestamps;
    private final double[] values;
    private final int size;

    private MetricBatch(Builder builder) {
        this.keys = List.copyOf(builder.keys);
        this.size = builder.size;
        this.keyIndex = builder.keyIndex;
        this.steps = builder.steps;
        this.timestamps = builder.timestamps;
        this.values = builder.values;
    }

    /** The points of the MLflow API and other callers that already hold objects; checked like a JSON batch. */
    static MetricBatch of(List<MetricPoint> points, long now) {
        Builder batch = new Builder(points.size(), now);
        for (int i = 0; i < points.size(); i++) {
            MetricPoint point = points.get(i);
            String field = "metrics[" + i + "]";
            if (point == null) {
                throw new ApiException.BadRequest(field, "is null");
            }
            batch.add(field, point.key(), point.value(), point.step(), point.timestamp());
        }
        return batch.build();
    }

    int size() {
        return size;
    }

    /** The distinct keys, in order of first appearance. */
    List<String> keys() {
        return keys;
    }

    /** The position in {@link #keys()} of point {@code i}'s key. */
    int keyIndex(int i) {
        return keyIndex[i];
    }

    long step(int i) {
        return steps[i];
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    double value(int i) {
        return values[i];
    }

    long[] steps() {
        return Arrays.copyOf(steps, size);
    }

    long[] timestamps() {
        return Arrays.copyOf(timestamps, size);
    }

    double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** Collects points one by one; each is checked as it is added, so a bad point fails before any write. */
    static final class Builder {

        private final long now;
        private final List<String> keys = new ArrayList<>();
        private final Map<String, Integer> keyPositions = new HashMap<>();
        private int[] keyIndex;
        private long[] steps;
        private long[] timestamps;
        private double[] values;
        private int size;

        /** @param now the timestamp of points that carry none (epoch milliseconds) */
        Builder(int expectedSize, long now) {
            this.now = now;
            int capacity = Math.max(expectedSize, 16);
            keyIndex = new int[capacity];
            steps = new long[capacity];
            timestamps = new long[capacity];
            values = new double[capacity];
        }

        /** Adds point {@code field} ({@code metrics[i]}); a missing step is 0, a missing timestamp now. */
        void add(String field, String key, Double value, Long step, Long timestamp) {
            int index = keyPosition(field, key);
            if (value == null) {
                throw new ApiException.BadRequest(field + ".value", "is required (a number, or \"NaN\", \"Infinity\", "
                        + "\"-Infinity\")");
            }
            add(index, value, step == null ? 0 : step, timestamp == null ? now : timestamp);
        }

        /** The position of {@code key} in the batch's keys, checking a key the first time it appears. */
        int keyPosition(String field, String key) {
            Integer known = key == null ? null : keyPositions.get(key);
            if (known != null) {
                return known;
            }
            if (key == null || key.isBlank()) {
                throw new ApiException.BadRequest(field + ".key", "is required");
            }
            RunService.checkKey(field + ".key", key);
            keys.add(key);
            keyPositions.put(key, keys.size() - 1);
            return keys.size() - 1;
        }

        /** Adds a point whose key came from {@link #keyPosition}. */
        void add(int keyPosition, double value, long step, long timestamp) {
            if (size == steps.length) {
                int capacity = size * 2;
                keyIndex = Arrays.copyOf(keyIndex, capacity);
                steps = Arrays.copyOf(steps, capacity);
                timestamps = Arrays.copyOf(timestamps, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            keyIndex[size] = keyPosition;
            steps[size] = step;
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
        }

        long now() {
            return now;
        }

        MetricBatch build() {
            return new MetricBatch(this);
        }
    }
}
