package io.trainyard.training.metrics;

import java.util.Map;

/** Test metrics of one value of the group-by column ({@code "(missing)"} for missing cells). */
public record GroupMetrics(String group, long rows, Map<String, Double> metrics) {
}
