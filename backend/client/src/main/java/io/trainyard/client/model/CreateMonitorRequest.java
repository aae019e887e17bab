package io.trainyard.client.model;

/**
 * A monitor on a model alias. {@code reference} null: the training split of the dataset version the alias
 * holder was trained on. {@code schedule}: ISO-8601 period between evaluations (at least PT1M), null for
 * evaluations on request only. {@code action}: {@code none} or {@code retrain}; {@code retrain} names the
 * dataset to retrain on (null: the holder's dataset; a null version: its newest version).
 */
public record CreateMonitorRequest(String name, String model, String alias, DatasetSelector reference,
                                   MonitorWindow window, String schedule, DriftThresholds thresholds, String action,
                                   DatasetSelector retrain) {
}
