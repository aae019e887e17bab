package io.trainyard.training.data;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a CSV file (a header row, then data rows) into {@link TabularData}, streaming: the bytes are parsed as they
 * arrive. Rows are read as the server's profiler reads them (empty lines skipped, short rows padded with missing
 * cells, extra fields ignored), so row {@code i} here is row {@code i} of a server split; the profiler's
 * missing-value tokens ({@link #MISSING}) become missing cells.
 */
public final class CsvTable {

    /** As the server's profiler counts missing values. */
    public static final Set<String> MISSING = Set.of("", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "NAN", "null",
            "NULL", "Null");

    private CsvTable() {
    }

    /** A file whose columns are categorical unless {@code types} says otherwise. */
    public static TabularData read(Path file, char delimiter, Map<String, ColumnType> types) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, delimiter, name -> new Column(name, types.getOrDefault(name, ColumnType.CATEGORICAL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param csv UTF-8 bytes, read to the end (not closed)
     * @param columnOf the column for a header name (its type, its distinct count if known)
     * @throws IllegalArgumentException when there is no header row
     */
    public static TabularData read(InputStream csv, char delimiter, Function<String, Column> columnOf) {
        List<Column> columns = null;
        List<String[]> rows = new ArrayList<>();
        Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
        for (CsvRecord record : CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE).ofCsvRecord(reader)) {
            if (columns == null) {
                columns = new ArrayList<>();
                for (int i = 0; i < record.getFieldCount(); i++) {
                    columns.add(columnOf.apply(record.getField(i).replace("\uFEFF", "").strip()));
                }
                continue;
            }
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length && i < record.getFieldCount(); i++) {
                String cell = record.getField(i).strip();
                row[i] = MISSING.contains(cell) ? null : cell;
            }
            rows.add(row);
        }
        if (columns == null) {
            throw new IllegalArgumentException("the CSV is empty (no header row)");
        }
        return new TabularData(columns, rows);
    }
}
