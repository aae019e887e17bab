package io.trainyard.client.model;

/**
 * How far a column's distribution moved between two dataset versions.
 *
 * @param column the column
 * @param type   its type (the same in both versions)
 * @param psi    population stability index of "after" against "before"
 * @param level  {@code none} (psi &lt; 0.1), {@code moderate} (psi &lt; 0.25) or {@code major}
 */
public record ColumnDrift(String column, ColumnType type, double psi, String level) {
}
