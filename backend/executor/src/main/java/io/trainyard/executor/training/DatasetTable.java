package io.trainyard.executor.training;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.CsvTable;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a dataset version (its profile, its CSV bytes) and the server's split into the training library's
 * {@link TabularData} and {@link SplitAssignment}. The CSV is read by the library's {@link CsvTable}, as the
 * server's profiler reads it, so that row {@code i} here is byte {@code i} of the split.
 */
public final class DatasetTable {

    private DatasetTable() {
    }

    /** numeric → NUMERIC; categorical, text, boolean, datetime → CATEGORICAL. */
    public static ColumnType typeOf(io.trainyard.client.model.ColumnType type) {
        return type == io.trainyard.client.model.ColumnType.NUMERIC ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
    }

    public static TabularData read(DatasetVersion version, byte[] csv) {
        return read(version, new ByteArrayInputStream(csv));
    }

    /** Parses the version's CSV as it streams in, typed by the version's profile. */
    public static TabularData read(DatasetVersion version, InputStream csv) {
        Map<String, ColumnProfile> profiles = new HashMap<>();
        if (version.columns() != null) {
            version.columns().forEach(p -> profiles.put(p.name(), p));
        }
        char delimiter = version.delimiter() == null || version.delimiter().isEmpty() ? ','
                : version.delimiter().charAt(0);
        try {
            return CsvTable.read(csv, delimiter, name -> {
                ColumnProfile profile = profiles.get(name);
                return profile == null ? new Column(name, ColumnType.CATEGORICAL)
                        : new Column(name, typeOf(profile.type()), profile.distinct());
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset " + version.dataset() + " v" + version.version()
                    + " is empty", e);
        }
    }

    /** The server's split: one byte per data row in file order, 0 train, 1 validation, 2 test. */
    public static SplitAssignment split(DatasetSplitView view, int rows) {
        if (view.assignment() == null) {
            throw new IllegalArgumentException("the split has no assignment");
        }
        byte[] bytes = Base64.getDecoder().decode(view.assignment());
        if (bytes.length != rows) {
            throw new IllegalArgumentException("the split assigns " + bytes.length + " rows but the dataset has "
                    + rows + " data rows");
        }
        int[][] out = new int[3][rows];
        int[] counts = new int[3];
        for (int i = 0; i < rows; i++) {
            int split = bytes[i];
            if (split < 0 || split > 2) {
                throw new IllegalArgumentException("row " + i + " has split " + split + " (expected 0, 1 or 2)");
            }
            out[split][counts[split]++] = i;
        }
        return new SplitAssignment(Arrays.copyOf(out[0], counts[0]), Arrays.copyOf(out[1], counts[1]),
                Arrays.copyOf(out[2], counts[2]));
    }

    /** The inverse of {@link #split(DatasetSplitView, int)}: base64 of one byte per row (for tests and tools). */
    public static String encode(SplitAssignment split, int rows) {
        byte[] bytes = new byte[rows];
        Arrays.fill(bytes, (byte) -1);
        for (int i : split.train()) {
            bytes[i] = 0;
        }
        for (int i : split.validation()) {
            bytes[i] = 1;
        }
        for (int i : split.test()) {
            bytes[i] = 2;
        }
        for (int i = 0; i < rows; i++) {
            if (bytes[i] < 0) {
                throw new IllegalArgumentException("row " + i + " is in no split");
            }
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
