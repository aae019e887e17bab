package io.trainyard.server.datasets.profile;

/** The one definition of a missing cell, for code outside the profiler that reads a version's values. */
public final class MissingValues {

    private MissingValues() {
    }

    /** Whether a cell (trimmed here) is empty or one of the markers the profiler counts as missing. */
    public static boolean isMissing(String cell) {
        String trimmed = cell == null ? "" : cell.strip();
        return trimmed.isEmpty() || ColumnAccumulator.isMissingMarker(trimmed.toCharArray(), 0, trimmed.length());
    }
}
