package io.trainyard.client.model;

/** An ad hoc comparison of two dataset versions. */
public record DriftRequest(DatasetSelector reference, DatasetSelector current, DriftThresholds thresholds) {
}
