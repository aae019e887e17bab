package io.trainyard.training;

import java.util.Map;

/**
 * One epoch of history.
 *
 * @param learningRate the rate at the epoch's last batch
 * @param trainSeconds wall time of the epoch's training batches (evaluation excluded)
 * @param rowsPerSecond train rows / trainSeconds: the throughput probe
 */
public record EpochMetrics(int epoch, Map<String, Double> metrics, double learningRate, double trainSeconds,
        double rowsPerSecond) {
}
