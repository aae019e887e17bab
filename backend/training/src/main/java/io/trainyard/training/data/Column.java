package io.trainyard.training.data;

import java.util.Objects;

/**
 * One column of a dataset schema.
 *
 * @param name the column name as in the header
 * @param type numeric or categorical
 * @param distinctCount distinct non-missing values, from a profile; {@code null} when unknown
 */
public record Column(String name, ColumnType type, Long distinctCount) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public Column(String name, ColumnType type) {
        this(name, type, null);
    }
}
