package io.trainyard.server.serving;

import java.time.Instant;
import java.util.UUID;

/**
 * A logged prediction with its ground truth: {@code outputJson} as in {@link PastPrediction}; {@code label} the
 * true class, or the true value of a regression as decimal text.
 */
public record LabelledPrediction(UUID id, int version, Instant predictedAt, String outputJson, String label) {
}
