package io.trainyard.client.model;

import java.util.List;

/**
 * A webhook: {@code events} among {@code model_version.created}, {@code alias.changed},
 * {@code alias.approval_requested} and {@code run.finished}; {@code secret} signs each delivery.
 */
public record CreateWebhookRequest(String url, List<String> events, String secret) {
}
