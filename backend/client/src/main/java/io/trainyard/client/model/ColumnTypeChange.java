package io.trainyard.client.model;

/** A column whose inferred type differs between two dataset versions. */
public record ColumnTypeChange(String column, ColumnType before, ColumnType after) {
}
