package io.trainyard.server.datasets;

/**
 * One column of a version as read for statistics: {@code numbers} (NaN for a missing or unreadable cell) when
 * it was asked for as numeric, else {@code labels} (null for a missing cell).
 */
public record ColumnValues(String name, double[] numbers, String[] labels) {

    public boolean numeric() {
        return numbers != null;
    }

    public int size() {
        return numbers != null ? numbers.length : labels.length;
    }
}
