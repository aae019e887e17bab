package io.trainyard.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How an executor says an attempt ended; {@code cancelled} answers a cancel request seen in a heartbeat. */
public enum JobOutcome {
    SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobOutcome fromWire(String value) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + value
                        + "', expected one of succeeded, failed, cancelled"));
    }
}
