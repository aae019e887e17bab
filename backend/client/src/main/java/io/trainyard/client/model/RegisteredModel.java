package io.trainyard.client.model;

import java.time.Instant;
import java.util.Map;

/**
 * A named model in a project; its versions come from training runs. {@code aliases} maps each alias to the
 * version holding it ({@code latest} is implied: the newest version).
 */
public record RegisteredModel(String name, String project, String description, String modelCard,
                              PromotionPolicy policy, Map<String, String> tags, Map<String, Integer> aliases,
                              Integer latestVersion, String createdBy, Instant createdAt, Instant updatedAt) {
}
