package io.trainyard.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How much a data quality issue matters, from least to most. */
public enum Severity {
    INFO, WARNING, ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String value) {
        return Arrays.stream(values())
                .filter(severity -> severity.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown severity '" + value + "', expected one of info, warning, error"));
    }
}
