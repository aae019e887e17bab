package io.trainyard.server.queue.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.queue.*}.
 *
 * @param leaseDuration        how long a claim stays valid without a heartbeat; executors heartbeat at a third
 * @param rescueInterval       how often expired leases are looked for (each look is one query)
 * @param retryBackoff         the wait before the second attempt of a failed job; doubles with each attempt
 * @param maxRetryBackoff      the longest such wait
 * @param maxClaimWait         the longest a claim long-polls, whatever {@code waitSeconds} asks
 * @param executorOfflineAfter an executor not heard from for this long shows as offline
 */
@ConfigurationProperties("trainyard.queue")
public record QueueProperties(
        @DefaultValue("PT60S") Duration leaseDuration,
        @DefaultValue("PT5S") Duration rescueInterval,
        @DefaultValue("PT10S") Duration retryBackoff,
        @DefaultValue("PT10M") Duration maxRetryBackoff,
        @DefaultValue("PT30S") Duration maxClaimWait,
        @DefaultValue("PT90S") Duration executorOfflineAfter) {
}
