package io.trainyard.client.model;

/**
 * One metric value. {@code timestamp} is epoch milliseconds (as MLflow sends it; now when absent), {@code step}
 * defaults to 0. Values may be NaN or ±Infinity (JSON strings "NaN", "Infinity", "-Infinity").
 */
public record MetricPoint(String key, Double value, Long step, Long timestamp) {
}
