package io.trainyard.server.registry;

/** Published in the registering transaction. */
public record ModelVersionCreated(long projectId, String project, String model, int version, String runId,
                                  String createdBy) {
}
