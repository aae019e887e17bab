package io.trainyard.client.model;

import java.util.List;
import java.util.Map;

/**
 * Predictions in the order of the rows, by the model version that made them.
 *
 * @param unknownCategories per categorical feature, how many values of this request were not seen in training
 *                          (they went to the feature's unknown bucket)
 */
public record PredictResponse(String model, int modelVersion, List<RowPrediction> predictions,
                              Map<String, Long> unknownCategories) {

    /** Classification fills {@code label} and {@code probabilities}; regression fills {@code value}. */
    public record RowPrediction(String predictionId, String label, Map<String, Double> probabilities, Double value) {
    }
}
