package io.trainyard.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What an API token may do. {@code write} implies {@code read}; {@code admin} implies both. */
public enum TokenScope {
    READ, WRITE, ADMIN, EXECUTOR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TokenScope fromWire(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown scope '" + value + "', expected one of read, write, admin, executor"));
    }
}
