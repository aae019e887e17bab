package io.trainyard.server.security.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address over a window that restarts with each failure.
 * In memory: with several replicas each counts its own, so the effective limit is per replica.
 * Success clears the account's count, not the address's (one good login must not unlock a guessing client).
 */
@Component
class LoginThrottle {

    private final LoginThrottleProperties properties;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(properties.window())
                .maximumSize(100_000)
                .build();
    }

    boolean isBlocked(String username, String address) {
        return count(accountKey(username)) >= properties.maxFailuresPerAccount()
                || count(addressKey(address)) >= properties.maxFailuresPerAddress();
    }

    void recordFailure(String username, String address) {
        if (username != null) {
            increment(accountKey(username));
        }
        increment(addressKey(address));
    }

    void recordSuccess(String username) {
        failures.invalidate(accountKey(username));
    }

    long retryAfterSeconds() {
        return properties.window().toSeconds();
    }

    private int count(String key) {
        if (key == null) {
            return 0;
        }
        AtomicInteger count = failures.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private void increment(String key) {
        // put() refreshes the entry's write time, so the window restarts with each failure
        AtomicInteger count = failures.get(key, k -> new AtomicInteger());
        count.incrementAndGet();
        failures.put(key, count);
    }

    private static String accountKey(String username) {
        return username == null ? null : "account:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
