package io.trainyard.server.serving.log;

import java.time.Instant;
import java.util.UUID;

/** One prediction as the log keeps it; features and output are JSON objects. */
public record LoggedPrediction(UUID id, long projectId, long modelId, String modelName, int version,
                               String featuresJson, String outputJson, Instant predictedAt) {
}
