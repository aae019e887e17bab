package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/** A project's webhook; its secret is never returned. */
public record Webhook(long id, String project, String url, List<String> events, boolean active, String createdBy,
                      Instant createdAt) {
}
