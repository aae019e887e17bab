package io.trainyard.client.model;

import java.util.Map;

/** Changes what is given: null leaves a field as it is; a tag with a null value is removed. */
public record UpdateModelRequest(String description, String modelCard, Map<String, String> tags) {
}
