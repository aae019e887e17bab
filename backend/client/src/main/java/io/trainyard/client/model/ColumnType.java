package io.trainyard.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The type inferred for a dataset column. */
public enum ColumnType {
    NUMERIC, CATEGORICAL, TEXT, BOOLEAN, DATETIME;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromWire(String value) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown column type '" + value
                        + "', expected one of numeric, categorical, text, boolean, datetime"));
    }
}
