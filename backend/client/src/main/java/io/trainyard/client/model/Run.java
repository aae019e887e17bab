package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run: one execution of training code, tracked by our executors or by the caller's own code. {@code id} is
 * 32 hex digits, as MLflow writes run IDs. {@code latestMetrics} holds each metric's value at its highest step.
 */
public record Run(String id, String experimentId, String project, String name, RunStatus status,
                  String lifecycleStage, Map<String, String> params, Map<String, String> tags,
                  Map<String, Double> latestMetrics, List<RunInput> inputs, Long jobId, String createdBy,
                  Instant startedAt, Instant endedAt) {
}
