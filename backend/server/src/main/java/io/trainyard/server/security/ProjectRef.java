package io.trainyard.server.security;

import io.trainyard.client.model.ProjectRole;

/**
 * A project the caller may use, and the role it holds there (a global admin counts as owner).
 * Other modules keep {@code id} as their foreign key.
 */
public record ProjectRef(long id, String key, String name, ProjectRole role) {
}
