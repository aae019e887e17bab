package io.trainyard.client.model;

import java.util.List;

/** Up to 10,000 points for one run, written all or nothing. */
public record LogMetricsRequest(List<MetricPoint> metrics) {
}
