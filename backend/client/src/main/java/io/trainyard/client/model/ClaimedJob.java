package io.trainyard.client.model;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A job handed to an executor; every later call about it must present {@code leaseToken}. */
public record ClaimedJob(Long jobId, String leaseToken, UUID runId, String kind, JsonNode spec, Integer attempt,
                         Instant leaseExpiresAt) {
}
