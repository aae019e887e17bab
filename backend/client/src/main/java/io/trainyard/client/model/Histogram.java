package io.trainyard.client.model;

import java.util.List;

/**
 * A histogram: {@code counts.get(i)} values lie in {@code [edges.get(i), edges.get(i + 1))}, the last
 * bin also holds its upper edge. There is one more edge than there are counts.
 */
public record Histogram(List<Double> edges, List<Long> counts) {
}
