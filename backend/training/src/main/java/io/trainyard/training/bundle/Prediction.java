package io.trainyard.training.bundle;

import java.util.Map;

/**
 * One prediction: classification fills {@code label} and {@code probabilities} (per class label); regression
 * fills {@code value}.
 */
public record Prediction(String label, Map<String, Double> probabilities, Double value) {
}
