package io.trainyard.client.model;

/** Evaluate now; {@code current} (optional) replaces the monitor's window with a dataset version. */
public record EvaluateMonitorRequest(DatasetSelector current) {
}
