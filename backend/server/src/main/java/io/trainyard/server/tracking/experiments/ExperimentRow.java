package io.trainyard.server.tracking.experiments;

import java.time.Instant;

/** An experiment as stored, with the key of its project. */
public record ExperimentRow(long id, long projectId, String projectKey, String name, String description,
                            String lifecycleStage, String createdBy, Instant createdAt, Instant updatedAt) {

    public boolean active() {
        return "active".equals(lifecycleStage);
    }
}
