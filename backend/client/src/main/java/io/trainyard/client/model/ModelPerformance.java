package io.trainyard.client.model;

import java.util.List;

/**
 * Quality on the labelled predictions of the window: accuracy and macro F1 for classification, RMSE for
 * regression. {@code breaches} names each threshold missed; empty when too few labels to judge.
 */
public record ModelPerformance(long labelled, Double accuracy, Double f1, Double rmse, boolean judged,
                               List<String> breaches) {
}
