package io.trainyard.client.model;

import java.time.Instant;

/** A monitor and where it stands: {@code state} is ok, drifting, not_enough_data, or unknown before the first evaluation. */
public record Monitor(long id, String project, String name, String model, String alias, DatasetSelector reference,
                      MonitorWindow window, String schedule, DriftThresholds thresholds, String action,
                      DatasetSelector retrain, String state, Instant lastEvaluatedAt, Instant nextEvaluationAt,
                      String createdBy, Instant createdAt) {
}
