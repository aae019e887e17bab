package io.trainyard.server.datasets;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.trainyard.server.datasets.catalog.LoadedVersion;
import io.trainyard.server.datasets.catalog.VersionService;
import io.trainyard.server.datasets.profile.MissingValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Reads a version's columns into arrays for statistics (drift), streaming the CSV once: only the asked columns
 * are kept, numbers are parsed straight into a {@code double[]}. Rows are counted as the profiler and the
 * training split count them (empty lines skipped), so a split's assignment selects the same rows training used.
 * At most {@code maxRows} rows are kept: beyond that, every k-th eligible row (a systematic sample, the same
 * rows every time).
 */
@Service
public class DatasetColumns {

    /** Row parts in a {@link DatasetSplit}'s assignment. */
    public static final byte TRAIN = 0;

    private final VersionService versions;

    DatasetColumns(VersionService versions) {
        this.versions = versions;
    }

    /**
     * @param numeric the asked columns, each true to read it as numbers, false as labels
     * @param split   keep only the rows this split assigns to {@code part}; null for every row
     * @throws io.trainyard.server.common.ApiException.NotFound when the caller may not read the version
     */
    public ColumnTable read(String projectKey, String dataset, int version, Map<String, Boolean> numeric,
                            DatasetSplit split, byte part, int maxRows) {
        LoadedVersion loaded = versions.load(projectKey, dataset, version);
        long total = loaded.view().rowCount();
        byte[] assignment = split == null ? null : split.assignment();
        long eligible = assignment == null ? total : countOf(assignment, part);
        int stride = (int) Math.max(1, (eligible + maxRows - 1) / Math.max(1, maxRows));
        int capacity = (int) Math.min(maxRows, (eligible + stride - 1) / stride);
        char delimiter = loaded.view().delimiter().charAt(0);
        try (InputStream content = versions.content(loaded.ref());
             Reader reader = new InputStreamReader(content, StandardCharsets.UTF_8)) {
            return read(loaded.ref(), reader, delimiter, numeric, assignment, part, stride, capacity, eligible);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ColumnTable read(DatasetVersionRef ref, Reader reader, char delimiter, Map<String, Boolean> asked,
                                    byte[] assignment, byte part, int stride, int capacity, long eligible) {
        List<String> names = new ArrayList<>(asked.keySet());
        int[] index = null;
        double[][] numbers = new double[names.size()][];
        String[][] labels = new String[names.size()][];
        int row = -1;
        long seen = 0;
        int kept = 0;
        for (CsvRecord record : CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(reader)) {
            if (index == null) {
                index = headerIndex(record, names);
                for (int c = 0; c < names.size(); c++) {
                    if (index[c] >= 0 && asked.get(names.get(c))) {
                        numbers[c] = new double[capacity];
                    } else if (index[c] >= 0) {
                        labels[c] = new String[capacity];
                    }
                }
                continue;
            }
            row++;
            if (assignment != null && (row >= assignment.length || assignment[row] != part)) {
                continue;
            }
            if (seen++ % stride != 0 || kept >= capacity) {
                continue;
            }
            for (int c = 0; c < names.size(); c++) {
                int i = index[c];
                if (i < 0) {
                    continue;
                }
                String cell = i < record.getFieldCount() ? record.getField(i).strip() : "";
                boolean missing = MissingValues.isMissing(cell);
                if (numbers[c] != null) {
                    numbers[c][kept] = missing ? Double.NaN : parse(cell);
                } else {
                    labels[c][kept] = missing ? null : cell;
                }
            }
            kept++;
        }
        Map<String, ColumnValues> columns = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (index == null || index[c] < 0) {
                absent.add(names.get(c));
            } else if (numbers[c] != null) {
                columns.put(names.get(c), new ColumnValues(names.get(c), Arrays.copyOf(numbers[c], kept), null));
            } else {
                columns.put(names.get(c), new ColumnValues(names.get(c), null, Arrays.copyOf(labels[c], kept)));
            }
        }
        return new ColumnTable(ref, kept, eligible, columns, List.copyOf(absent));
    }

    private static int[] headerIndex(CsvRecord header, List<String> names) {
        int[] index = new int[names.size()];
        Arrays.fill(index, -1);
        for (int i = 0; i < header.getFieldCount(); i++) {
            int c = names.indexOf(header.getField(i).replace("\uFEFF", "").strip());
            if (c >= 0 && index[c] < 0) {
                index[c] = i;
            }
        }
        return index;
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static long countOf(byte[] assignment, byte part) {
        long count = 0;
        for (byte b : assignment) {
            if (b == part) {
                count++;
            }
        }
        return count;
    }
}
