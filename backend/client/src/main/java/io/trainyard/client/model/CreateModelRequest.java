package io.trainyard.client.model;

import java.util.Map;

/** A new registered model; only {@code name} is required. */
public record CreateModelRequest(String name, String description, String modelCard, PromotionPolicy policy,
                                 Map<String, String> tags) {
}
