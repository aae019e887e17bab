package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.RunStatus;
import java.time.Instant;
import java.util.UUID;

/** A run as stored, with its project's key. */
public record RunRow(UUID id, long experimentId, long projectId, String projectKey, String name, RunStatus status,
                     String lifecycleStage, Instant startTime, Instant endTime, Long jobId, String createdBy,
                     Instant createdAt) {

    public boolean active() {
        return "active".equals(lifecycleStage);
    }
}
