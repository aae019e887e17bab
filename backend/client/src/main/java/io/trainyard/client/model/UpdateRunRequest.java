package io.trainyard.client.model;

import java.util.Map;

/** Changes a run's status (ending it sets the end time) and sets tags; params are write-once. */
public record UpdateRunRequest(RunStatus status, String name, Map<String, String> tags) {
}
