package io.trainyard.training.data;

/** How a column is read: numbers, or labels drawn from a finite set. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL
}
