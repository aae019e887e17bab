package io.trainyard.server.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.webhooks.*}.
 *
 * @param allowedHosts    host names (as written in webhook URLs) exempt from the SSRF guard, e.g. an internal
 *                        CI server; every other host must resolve to public addresses only
 * @param maxAttempts     attempts per delivery before it is marked failed
 * @param retryBackoff    the wait before the second attempt; doubles with each attempt
 * @param maxRetryBackoff the longest such wait
 * @param connectTimeout  connecting to a receiver
 * @param responseTimeout waiting for its answer
 */
@ConfigurationProperties("trainyard.webhooks")
public record WebhookProperties(
        @DefaultValue("") List<String> allowedHosts,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT10S") Duration retryBackoff,
        @DefaultValue("PT1H") Duration maxRetryBackoff,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration responseTimeout) {
}
