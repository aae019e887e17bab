package io.trainyard.client.model;

import java.util.List;

/** Reference and current shares per bin (equal-width bins for numbers, one per category otherwise). */
public record DriftHistogram(List<String> bins, double[] reference, double[] current) {
}
