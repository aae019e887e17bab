package io.trainyard.server.security.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.security.login-throttle.*}: after this many failed sign-ins within {@code window}, further
 * attempts for that account (or from that client address) are refused until the window has passed.
 */
@ConfigurationProperties("trainyard.security.login-throttle")
record LoginThrottleProperties(
        @DefaultValue("10") int maxFailuresPerAccount,
        @DefaultValue("50") int maxFailuresPerAddress,
        @DefaultValue("PT15M") Duration window) {
}
