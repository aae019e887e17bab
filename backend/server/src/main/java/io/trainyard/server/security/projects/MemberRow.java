package io.trainyard.server.security.projects;

import io.trainyard.client.model.ProjectRole;

record MemberRow(String username, String displayName, ProjectRole role) {
}
