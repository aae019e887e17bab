package io.trainyard.client.model;

import java.time.Instant;

/** An alert: the monitor's state changed with a report; {@code retrainRunId} when the change started a retraining run. */
public record MonitorTransition(String from, String to, Instant at, long reportId, String retrainRunId) {
}
