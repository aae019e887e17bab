package io.trainyard.server.datasets.profile;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;
import io.trainyard.client.model.ColumnProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV file once and returns its schema, per-column profile, quality report and row hashes.
 *
 * <p>Input: UTF-8 (a byte order mark is skipped), a header row, then data rows; fields separated by
 * comma, semicolon or tab (detected, see {@link #detectDelimiter}); RFC 4180 quoting, so quoted fields
 * may hold separators, doubled quotes and line breaks. Blank lines are skipped. Cells are trimmed; an
 * empty cell and the markers listed at {@link ColumnAccumulator#isMissingMarker} are missing values.
 * In a semicolon-separated file a decimal comma ({@code 3,5}) is also read as a number.
 *
 * <p>One streaming pass in bounded memory per column (see {@link DistinctCounter} and
 * {@link NumericAccumulator}); the only thing that grows with the file is the array of row hashes
 * (8 bytes a row), which {@link ProfileResult#sortedRowHashes()} returns. Parsing uses FastCSV with a
 * callback handler that reads each field straight from the parser's buffer, so numbers are parsed
 * without creating a String per cell. On a machine with more than one CPU, the numeric work moves to
 * one helper thread per file ({@link Offload}); the result is the same either way.
 *
 * <p>Plain Java and stateless: one instance may profile many files, from several threads at once.
 */
public final class CsvProfiler {

    /** Bytes read ahead to detect the encoding and the delimiter. */
    static final int SNIFF_BYTES = 64 * 1024;
    /** Bytes checked for NUL bytes and invalid UTF-8 (binary content). */
    static final int BINARY_CHECK_BYTES = 8 * 1024;
    /** Records looked at to detect the delimiter. */
    static final int SNIFF_RECORDS = 20;
    static final char[] DELIMITERS = {',', ';', '\t'};
    /** Exact distinct counting stops at this many values in all columns together (min 1,000, max 10,000 a column). */
    static final int DISTINCT_BUDGET = 1_000_000;
    /** Numbers kept for exact quantiles in all columns together (min 4,096, max 65,536 a column). */
    static final int EXACT_VALUES_BUDGET = 8 * 1024 * 1024;

    private final boolean helperThread;

    /** A profiler that uses one helper thread per file when the machine has more than one CPU. */
    public CsvProfiler() {
        this(Runtime.getRuntime().availableProcessors() > 1);
    }

    /** @param helperThread whether to move the numeric work to a helper thread (see {@link Offload}) */
    CsvProfiler(boolean helperThread) {
        this.helperThread = helperThread;
    }

    /**
     * Profiles a CSV file. Reads {@code csv} to its end and does not close it.
     *
     * @param targetColumn the column a model will predict, to check for class imbalance; null for none
     * @throws InvalidCsvException      when the file is not a readable CSV table (the message says why)
     * @throws IllegalArgumentException when {@code targetColumn} is not a column of the file
     * @throws UncheckedIOException     when reading the stream fails
     */
    public ProfileResult profile(InputStream csv, String targetColumn) {
        Objects.requireNonNull(csv, "csv");
        try {
            return read(csv, targetColumn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProfileResult read(InputStream in, String targetColumn) throws IOException {
        byte[] head = in.readNBytes(SNIFF_BYTES);
        boolean wholeFile = head.length < SNIFF_BYTES;
        int start = 0;
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            start = 3;
        } else if (head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            throw new InvalidCsvException("the file is UTF-16 (or UTF-32) encoded; save it as UTF-8", null);
        }
        if (wholeFile && isBlank(head, start)) {
            throw new InvalidCsvException("the file is empty", null);
        }
        checkText(head, start, wholeFile);

        char delimiter = detectDelimiter(new String(head, start, head.length - start, StandardCharsets.UTF_8),
                wholeFile);
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(head, start, head.length - start), in);
        StrictUtf8Reader reader = new StrictUtf8Reader(body, start);
        Handler handler = new Handler(delimiter, targetColumn, helperThread);
        CsvReader<Object> csv = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(handler, reader);
        try {
            // the handler consumes every record itself (buildRecord returns null), so this one call
            // reads the whole file
            csv.iterator().hasNext();
            return handler.finish();
        } catch (CsvParseException e) {
            throw translate(e, handler.line);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof StrictUtf8Reader.NotUtf8Exception bad) {
                throw new InvalidCsvException("line " + handler.line + " is not UTF-8 text (byte "
                        + bad.byteOffset + "); save the file as UTF-8", handler.line, e);
            }
            throw e;
        } finally {
            handler.close();
        }
    }

    private static RuntimeException translate(CsvParseException e, long line) {
        // FastCSV wraps what the handler throws: our own exceptions go out as they are
        if (e.getCause() instanceof RuntimeException ours) {
            return ours;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unclosed quoted field")) {
            return new InvalidCsvException("line " + line + " opens a quoted field that is never closed", line, e);
        }
        if (message.contains("after closing quote")) {
            return new InvalidCsvException("line " + line + " has text after the closing quote of a field"
                    + " (a quote inside a quoted field must be doubled: \"\")", line, e);
        }
        if (message.contains("maximum buffer size")) {
            return new InvalidCsvException("line " + line + " starts a field longer than 16 million characters"
                    + " (probably a quote that is never closed)", line, e);
        }
        return new InvalidCsvException("line " + line + " is not valid CSV: " + message, line, e);
    }

    private static boolean isBlank(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Binary content: a NUL byte or a byte sequence that is not UTF-8 in the first 8 KiB. */
    private static void checkText(byte[] bytes, int from, boolean wholeFile) {
        int limit = Math.min(bytes.length, BINARY_CHECK_BYTES);
        int i = from;
        while (i < limit) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                throw new InvalidCsvException("the file is not text (binary content at byte " + i + ")", null);
            }
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            boolean valid = length > 0;
            if (valid && i + length > bytes.length) {
                if (!wholeFile) {
                    return; // cut off by the read-ahead, not by the file
                }
                valid = false;
            }
            for (int k = 1; valid && k < length; k++) {
                valid = (bytes[i + k] & 0xC0) == 0x80;
            }
            if (valid && length > 2) {
                int second = bytes[i + 1] & 0xFF;
                valid = !(b == 0xE0 && second < 0xA0) // overlong
                        && !(b == 0xED && second > 0x9F) // UTF-16 surrogate
                        && !(b == 0xF0 && second < 0x90) // overlong
                        && !(b == 0xF4 && second > 0x8F); // beyond U+10FFFF
            }
            if (!valid) {
                throw new InvalidCsvException("the file is not text (binary content at byte " + i
                        + "): it is not UTF-8; if it is a CSV file, save it as UTF-8", null);
            }
            i += length;
        }
    }

    /**
     * The delimiter among comma, semicolon and tab that splits the first records most consistently:
     * the header must split into at least two fields; then the candidate wins for which every sniffed
     * record has the header's field count, then the one with more such records, then the one with
     * more columns. A file that no candidate splits is a single column (comma).
     */
    static char detectDelimiter(String head, boolean wholeFile) {
        char best = ',';
        long bestScore = -1;
        for (char delimiter : DELIMITERS) {
            List<Integer> counts = fieldCounts(head, delimiter, wholeFile);
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int header = counts.get(0);
            int consistent = 0;
            for (int i = 1; i < counts.size(); i++) {
                if (counts.get(i) == header) {
                    consistent++;
                }
            }
            boolean allConsistent = consistent == counts.size() - 1;
            long score = (allConsistent ? 1L << 40 : 0) + ((long) consistent << 20) + Math.min(header, (1 << 20) - 1);
            if (score > bestScore) {
                bestScore = score;
                best = delimiter;
            }
        }
        return best;
    }

    private static List<Integer> fieldCounts(String head, char delimiter, boolean wholeFile) {
        // the same handler class as the real pass, so that FastCSV's call sites stay monomorphic
        Handler counter = Handler.fieldCounter();
        CsvReader<Object> reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(counter, head);
        try {
            reader.iterator().hasNext();
        } catch (CsvParseException e) {
            // judge by the records read so far
        }
        List<Integer> counts = counter.fieldCounts;
        if (!wholeFile && counts.size() > 1 && counts.size() <= SNIFF_RECORDS) {
            counts.remove(counts.size() - 1); // may be cut off by the read-ahead
        }
        return counts;
    }

    /** Ends delimiter detection once enough records are counted. */
    private static final class StopSniffing extends RuntimeException {
        StopSniffing() {
            super(null, null, false, false);
        }
    }

    /** Receives the parser's fields and feeds the column accumulators; one per file. */
    private static final class Handler extends CsvCallbackHandler<Object> {

        private final char delimiter;
        private final String targetColumn;
        private final boolean helperThread;
        private Offload offload;
        private Offload.Block currentBlock;
        private int rowsToBlockEnd;
        private final List<String> names = new ArrayList<>();
        private ColumnAccumulator[] columns;
        private int columnCount;
        private long headerLine;

        long line;
        private int fieldIndex;
        private boolean empty;
        private long rowHash;

        private long[] hashes = new long[1024];
        private int rows;

        /** Non-null in field-counting mode (delimiter detection): the field count of each record. */
        private final List<Integer> fieldCounts;

        Handler(char delimiter, String targetColumn, boolean helperThread) {
            this(delimiter, targetColumn, helperThread, null);
        }

        private Handler(char delimiter, String targetColumn, boolean helperThread, List<Integer> fieldCounts) {
            this.delimiter = delimiter;
            this.targetColumn = targetColumn;
            this.helperThread = helperThread;
            this.fieldCounts = fieldCounts;
        }

        /** A handler that only records how many fields each of the first records has. */
        static Handler fieldCounter() {
            return new Handler(',', null, false, new ArrayList<>());
        }

        void close() {
            if (offload != null) {
                offload.close();
            }
        }

        @Override
        protected RecordType getRecordType() {
            return empty ? RecordType.EMPTY : RecordType.DATA;
        }

        @Override
        protected int getFieldCount() {
            return fieldIndex;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            line = startingLineNumber;
            fieldIndex = 0;
            empty = false;
            rowHash = 0x243F6A8885A308D3L;
        }

        @Override
        protected void addField(char[] buf, int offset, int len, boolean quoted) {
            int index = fieldIndex++;
            if (fieldCounts != null) {
                return;
            }
            if (columns == null) {
                names.add(new String(buf, offset, len).strip());
            } else if (index < columnCount) {
                long key = columns[index].accept(buf, offset, len, line);
                rowHash = Long.rotateLeft((rowHash ^ key) * 0x9E3779B97F4A7C15L, 31);
            }
        }

        @Override
        protected void setComment(char[] buf, int offset, int len) {
            // comments are off: never called
        }

        @Override
        protected void setEmpty() {
            empty = true;
        }

        @Override
        protected Object buildRecord() {
            if (empty) {
                return null;
            }
            if (fieldCounts != null) {
                fieldCounts.add(fieldIndex);
                if (fieldCounts.size() > SNIFF_RECORDS) {
                    throw new StopSniffing();
                }
                return null;
            }
            if (columns == null) {
                startColumns();
                return null;
            }
            if (fieldIndex != columnCount) {
                throw new InvalidCsvException("line " + line + " has " + fieldIndex
                        + (fieldIndex == 1 ? " field" : " fields") + ", the header has " + columnCount, line);
            }
            if (rows == hashes.length) {
                if (rows == Integer.MAX_VALUE - 8) {
                    throw new InvalidCsvException("the file has more than " + rows + " rows", line);
                }
                hashes = Arrays.copyOf(hashes, (int) Math.min(Integer.MAX_VALUE - 8L, rows * 3L / 2));
            }
            hashes[rows++] = ColumnAccumulator.mix(rowHash ^ columnCount);
            if (--rowsToBlockEnd == 0) {
                Offload.Block next = submitBlock(true);
                for (ColumnAccumulator column : columns) {
                    column.collectInto(next);
                }
                rowsToBlockEnd = offload.rowsPerBlock;
            }
            return null;
        }

        /** Hands the current block to the offload; returns an empty one when {@code more} rows follow. */
        private Offload.Block submitBlock(boolean more) {
            for (ColumnAccumulator column : columns) {
                column.completeBlock();
            }
            offload.submit(currentBlock);
            currentBlock = more ? offload.block() : null;
            return currentBlock;
        }

        private void startColumns() {
            headerLine = line;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (name.isEmpty()) {
                    throw new InvalidCsvException("column " + (i + 1) + " has an empty name", headerLine);
                }
                if (!seen.add(name)) {
                    throw new InvalidCsvException("column name '" + name + "' appears twice", headerLine);
                }
            }
            if (targetColumn != null && !seen.contains(targetColumn)) {
                throw new IllegalArgumentException("target column '" + targetColumn
                        + "' is not in the file; its columns are " + String.join(", ", names));
            }
            columnCount = names.size();
            int distinctBound = Math.max(1_000, Math.min(10_000, DISTINCT_BUDGET / columnCount));
            int exactValues = Math.max(4_096, Math.min(65_536, EXACT_VALUES_BUDGET / columnCount));
            offload = new Offload(helperThread, columnCount);
            currentBlock = offload.block();
            columns = new ColumnAccumulator[columnCount];
            for (int i = 0; i < columnCount; i++) {
                columns[i] = new ColumnAccumulator(names.get(i), i, delimiter == ';', distinctBound, exactValues);
                columns[i].collectInto(currentBlock);
            }
            rowsToBlockEnd = offload.rowsPerBlock;
        }

        ProfileResult finish() {
            if (columns == null) {
                throw new InvalidCsvException("the file is empty", null);
            }
            if (rows == 0) {
                throw new InvalidCsvException("the file has a header row but no data rows", headerLine);
            }
            submitBlock(false);
            long[] sorted = Arrays.copyOf(hashes, rows);
            hashes = null;
            RowHashSort.sort(sorted); // while the helper finishes its last batches
            offload.finish();
            long duplicates = 0;
            for (int i = 1; i < sorted.length; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    duplicates++;
                }
            }
            List<ColumnAccumulator.Finished> finished = new ArrayList<>(columnCount);
            List<ColumnProfile> profiles = new ArrayList<>(columnCount);
            for (ColumnAccumulator column : columns) {
                ColumnAccumulator.Finished done = column.finish();
                finished.add(done);
                profiles.add(done.profile());
            }
            return new ProfileResult(rows, delimiter, List.copyOf(profiles),
                    QualityChecks.report(finished, rows, duplicates, targetColumn), sorted);
        }
    }
}
