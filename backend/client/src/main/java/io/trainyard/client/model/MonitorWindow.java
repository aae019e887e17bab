package io.trainyard.client.model;

/**
 * What a monitor compares with its reference, exactly one of: {@code duration} (ISO-8601, the predictions of
 * the last such period), {@code last} (the last N predictions), or {@code dataset} + {@code version}.
 */
public record MonitorWindow(String duration, Integer last, String dataset, Integer version) {
}
