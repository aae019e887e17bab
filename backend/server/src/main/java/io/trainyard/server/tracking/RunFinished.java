package io.trainyard.server.tracking;

import io.trainyard.client.model.RunStatus;

/** A run reached a terminal status (succeeded, failed or cancelled). */
public record RunFinished(String runId, long projectId, RunStatus status) {
}
