package io.trainyard.client.model;

public record MemberView(String username, String displayName, ProjectRole role) {
}
