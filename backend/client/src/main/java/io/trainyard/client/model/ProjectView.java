package io.trainyard.client.model;

import java.time.Instant;

/** A project as the caller sees it; {@code role} is the caller's role (null for an admin who is no member). */
public record ProjectView(String key, String name, Instant createdAt, ProjectRole role) {
}
