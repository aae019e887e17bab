package io.trainyard.server.monitoring.monitors;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftThresholds;
import io.trainyard.client.model.Monitor;
import io.trainyard.client.model.MonitorWindow;
import java.time.Duration;
import java.time.Instant;

/** A stored monitor with its project, as evaluations need it. */
public record MonitorRow(long id, long projectId, String projectKey, String name, String model, String alias,
                         DatasetSelector reference, MonitorWindow window, Integer scheduleSeconds,
                         DriftThresholds thresholds, String action, DatasetSelector retrain, String state,
                         Instant nextRunAt, Instant lastEvaluatedAt, String createdBy, Instant createdAt) {

    public boolean retrains() {
        return "retrain".equals(action);
    }

    public Monitor view() {
        return new Monitor(id, projectKey, name, model, alias, reference, window,
                scheduleSeconds == null ? null : Duration.ofSeconds(scheduleSeconds).toString(), thresholds, action,
                retrain, state, lastEvaluatedAt, nextRunAt, createdBy, createdAt);
    }
}
