package io.trainyard.server.serving;

import java.time.Instant;
import java.util.UUID;

/**
 * A logged prediction. {@code featuresJson}: the request row as a JSON object; {@code outputJson}:
 * {@code {"label", "probabilities"}} for classification, {@code {"value"}} for regression.
 */
public record PastPrediction(UUID id, int version, Instant predictedAt, String featuresJson, String outputJson) {
}
