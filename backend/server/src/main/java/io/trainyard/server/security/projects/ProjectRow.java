package io.trainyard.server.security.projects;

import io.trainyard.client.model.ProjectRole;
import java.time.Instant;

/** A project with the caller's role in it (null: not a member). */
record ProjectRow(long id, String key, String name, Instant createdAt, ProjectRole role) {
}
