package io.trainyard.client.model;

import java.time.Instant;

public record UserView(String username, String displayName, boolean admin, boolean enabled, Instant createdAt) {
}
