package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.RunInput;

/**
 * An evaluation's outcome before it is stored; {@code holder} and {@code trainedOn} are kept (null when the
 * evaluation failed) because the retraining action clones them.
 */
record Evaluation(DriftReport report, HolderModel holder, RunInput trainedOn) {
}
