package io.trainyard.server.tracking.runs;

/** A dataset input of a run: a Trainyard dataset version (then {@code datasetVersionId} is set) or an MLflow one. */
public record RunInputRow(Long datasetVersionId, String name, String digest, String sourceType, String source,
                          String schema, String profile, String context) {
}
