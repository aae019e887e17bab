/**
 * Webhooks: per-project subscriptions to platform events (model versions, alias changes and approval
 * requests from the registry, finished runs from tracking). Deliveries are written in the event's own
 * transaction (an outbox), signed with HMAC-SHA256, sent by a dispatcher with retries and backoff, and guarded
 * against SSRF. Depends on registry and tracking (their events) and security.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package io.trainyard.server.webhooks;
