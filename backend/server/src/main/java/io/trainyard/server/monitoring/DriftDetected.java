package io.trainyard.server.monitoring;

import java.util.List;

/**
 * A monitor went from another state to drifting; published in the transaction that stored the report.
 * {@code retrainRunId} is set when the monitor's action started a training run.
 */
public record DriftDetected(long projectId, String project, long monitorId, String monitor, String model,
                            String alias, Integer modelVersion, long reportId, List<String> driftedFeatures,
                            double driftedShare, List<String> performanceBreaches, String retrainRunId) {
}
