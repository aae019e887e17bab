package io.trainyard.client.model;

import java.util.Map;

/** Registers the model bundle of a succeeded run ({@code model/bundle.zip}) as the model's next version. */
public record CreateModelVersionRequest(String runId, String description, Map<String, String> tags) {
}
