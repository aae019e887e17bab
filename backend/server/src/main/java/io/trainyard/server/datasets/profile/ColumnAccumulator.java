package io.trainyard.server.datasets.profile;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.DatetimeRange;
import io.trainyard.client.model.ValueCount;
import java.util.List;
import net.openhft.hashing.LongHashFunction;

/**
 * Everything the profiler learns about one column in its single pass. The type is only decided at
 * the end, so every cell is tested against each candidate type and the counters of all candidates are
 * kept (see {@link #type()} for the rules).
 */
final class ColumnAccumulator {

    /** Most frequent values reported for categorical, boolean and text columns. */
    static final int TOP_VALUES = 20;
    /** Share of the non-missing values that must fit the numeric or datetime type. */
    static final double TYPE_MAJORITY = 0.95;
    /** A column is categorical with at most max(20, 5 % of its non-missing values) distinct values. */
    static final int CATEGORICAL_MIN_DISTINCT = 20;
    static final double CATEGORICAL_DISTINCT_SHARE = 0.05;

    /** The key (and row-hash contribution) of a missing cell. */
    static final long MISSING_KEY = 0x2545F4914F6CDD1DL;
    private static final LongHashFunction TEXT_HASH = LongHashFunction.xx3(0x7472_6169_6E79_6172L);

    private final String name;
    private final boolean decimalComma;
    private final int index;
    /** Collects this block of rows' numbers and sketch keys for {@link Offload}. */
    private Offload.Block block;
    private double[] values;
    private int valueCount;
    private long[] keys;
    private int keyCount;

    private long missing;
    private long nonMissing;
    private long numericCount;
    private long booleanCount;
    private long datetimeCount;

    final NumericAccumulator numeric;
    final DistinctCounter distinct;
    private final IsoDateTimeParser dateTimes = new IsoDateTimeParser();

    private long minSecond = Long.MAX_VALUE;
    private int minNano;
    private char[] minText = new char[32];
    private int minTextLength = -1;
    private long maxSecond = Long.MIN_VALUE;
    private int maxNano;
    private char[] maxText = new char[32];
    private int maxTextLength = -1;

    String firstNonNumeric;
    long firstNonNumericLine;
    String firstNonDatetime;
    long firstNonDatetimeLine;

    ColumnAccumulator(String name, int index, boolean decimalComma, int distinctBound, int exactValues) {
        this.name = name;
        this.index = index;
        this.decimalComma = decimalComma;
        this.numeric = new NumericAccumulator(exactValues, 0x9E3779B97F4A7C15L * (index + 1));
        this.distinct = new DistinctCounter(distinctBound);
    }

    /**
     * Takes one cell and returns its key: a 64-bit hash of its normalized value (surrounding whitespace
     * dropped; every missing marker the same; numbers by value), which the row hash is built from.
     */
    long accept(char[] buf, int off, int len, long line) {
        int end = off + len;
        while (off < end && buf[off] <= ' ') {
            off++;
        }
        while (end > off && buf[end - 1] <= ' ') {
            end--;
        }
        len = end - off;
        if (len == 0 || isMissingMarker(buf, off, len)) {
            missing++;
            return MISSING_KEY;
        }
        nonMissing++;
        double value = NumberParser.parse(buf, off, len, decimalComma);
        if (value == value) {
            numericCount++;
            if (values == null) {
                values = block.values(index);
            }
            values[valueCount++] = value;
            if (len == 1 && buf[off] <= '1') {
                booleanCount++; // "0" or "1": the only one-character numbers are digits
            }
            if (firstNonDatetime == null) {
                firstNonDatetime = new String(buf, off, len);
                firstNonDatetimeLine = line;
            }
            long key = mix(Double.doubleToLongBits(value + 0.0)); // + 0.0 turns -0.0 into 0.0
            if (distinct.add(key, buf, off, len, false)) {
                sketchKey(key);
            }
            return key;
        }
        if (firstNonNumeric == null) {
            firstNonNumeric = new String(buf, off, len);
            firstNonNumericLine = line;
        }
        if (isBooleanWord(buf, off, len)) {
            booleanCount++;
        }
        if (dateTimes.parse(buf, off, len)) {
            datetimeCount++;
            acceptDateTime(buf, off, len);
        } else if (firstNonDatetime == null) {
            firstNonDatetime = new String(buf, off, len);
            firstNonDatetimeLine = line;
        }
        long key = TEXT_HASH.hashChars(buf, off, len);
        if (distinct.add(key, buf, off, len, true)) {
            sketchKey(key);
        }
        return key;
    }

    private void sketchKey(long key) {
        if (keys == null) {
            keys = block.keys(index);
        }
        keys[keyCount++] = key;
    }

    /** Starts collecting numbers and sketch keys into {@code next} (at most one of each per row). */
    void collectInto(Offload.Block next) {
        block = next;
        values = null;
        valueCount = 0;
        keys = null;
        keyCount = 0;
    }

    /** Leaves the collected numbers and keys in the block, with what the offload must add them to. */
    void completeBlock() {
        block.valueCounts[index] = valueCount;
        block.keyCounts[index] = keyCount;
        block.numerics[index] = numeric;
        block.sketches[index] = distinct.sketch();
    }

    private void acceptDateTime(char[] buf, int off, int len) {
        long second = dateTimes.epochSecond;
        int nano = dateTimes.nano;
        if (second < minSecond || (second == minSecond && nano < minNano)) {
            minSecond = second;
            minNano = nano;
            if (minText.length < len) {
                minText = new char[len];
            }
            System.arraycopy(buf, off, minText, 0, len);
            minTextLength = len;
        }
        if (second > maxSecond || (second == maxSecond && nano > maxNano)) {
            maxSecond = second;
            maxNano = nano;
            if (maxText.length < len) {
                maxText = new char[len];
            }
            System.arraycopy(buf, off, maxText, 0, len);
            maxTextLength = len;
        }
    }

    /**
     * The missing-value markers, matched exactly after trimming: the empty cell, {@code NA},
     * {@code N/A}, {@code n/a}, {@code #N/A}, {@code NaN}, {@code nan}, {@code NAN}, {@code null},
     * {@code NULL}, {@code Null}. ({@code na} and {@code Na} are left alone: sodium is a value.)
     */
    static boolean isMissingMarker(char[] b, int off, int len) {
        switch (len) {
            case 2:
                return b[off] == 'N' && b[off + 1] == 'A';
            case 3: {
                char c0 = b[off];
                char c1 = b[off + 1];
                char c2 = b[off + 2];
                return (c0 == 'N' && c1 == '/' && c2 == 'A')
                        || (c0 == 'n' && c1 == '/' && c2 == 'a')
                        || (c0 == 'N' && c1 == 'a' && c2 == 'N')
                        || (c0 == 'n' && c1 == 'a' && c2 == 'n')
                        || (c0 == 'N' && c1 == 'A' && c2 == 'N');
            }
            case 4: {
                char c0 = b[off];
                if (c0 == '#') {
                    return b[off + 1] == 'N' && b[off + 2] == '/' && b[off + 3] == 'A';
                }
                if (c0 != 'n' && c0 != 'N') {
                    return false;
                }
                char c1 = b[off + 1];
                char c2 = b[off + 2];
                char c3 = b[off + 3];
                return (c0 == 'n' && c1 == 'u' && c2 == 'l' && c3 == 'l')
                        || (c0 == 'N' && c1 == 'U' && c2 == 'L' && c3 == 'L')
                        || (c0 == 'N' && c1 == 'u' && c2 == 'l' && c3 == 'l');
            }
            default:
                return false;
        }
    }

    /** {@code true}, {@code false}, {@code yes}, {@code no} in any letter case. */
    static boolean isBooleanWord(char[] b, int off, int len) {
        return switch (len) {
            case 2 -> equalsIgnoreCase(b, off, "no");
            case 3 -> equalsIgnoreCase(b, off, "yes");
            case 4 -> equalsIgnoreCase(b, off, "true");
            case 5 -> equalsIgnoreCase(b, off, "false");
            default -> false;
        };
    }

    private static boolean equalsIgnoreCase(char[] b, int off, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if ((b[off + i] | 0x20) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Murmur3's 64-bit finalizer: spreads a double's bits over the whole key. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /**
     * The inferred type, decided from the counters once every value has been seen:
     * <ol>
     * <li>no non-missing value: text;
     * <li>every value is {@code true/false/yes/no} (any case) or exactly {@code 0}/{@code 1}: boolean.
     *     So a 0/1 column is boolean, not numeric: it is a flag or a binary label far more often than a
     *     measurement, and a numeric summary of it says nothing a count of each value does not;
     * <li>at least 95 % of the values are numbers: numeric; the rest are type violations;
     * <li>at least 95 % are ISO dates or date-times: datetime; the rest are type violations;
     * <li>at most max(20, 5 % of the non-missing values) distinct values: categorical;
     * <li>otherwise text.
     * </ol>
     */
    ColumnType type() {
        if (nonMissing == 0) {
            return ColumnType.TEXT;
        }
        if (booleanCount == nonMissing) {
            return ColumnType.BOOLEAN;
        }
        if (numericCount >= TYPE_MAJORITY * nonMissing) {
            return ColumnType.NUMERIC;
        }
        if (datetimeCount >= TYPE_MAJORITY * nonMissing) {
            return ColumnType.DATETIME;
        }
        if (distinct.distinct() <= Math.max(CATEGORICAL_MIN_DISTINCT, CATEGORICAL_DISTINCT_SHARE * nonMissing)) {
            return ColumnType.CATEGORICAL;
        }
        return ColumnType.TEXT;
    }

    /**
     * The profile, with the numeric result the quality checks also need (null unless numeric). Call
     * after the last block is complete and the offload has finished.
     */
    Finished finish() {
        ColumnType type = type();
        long count = missing + nonMissing;
        NumericAccumulator.Result numericResult = null;
        List<ValueCount> topValues = null;
        DatetimeRange range = null;
        long violations = 0;
        switch (type) {
            case NUMERIC -> {
                numericResult = numeric.finish();
                violations = nonMissing - numericCount;
            }
            case DATETIME -> {
                range = new DatetimeRange(new String(minText, 0, minTextLength),
                        new String(maxText, 0, maxTextLength));
                violations = nonMissing - datetimeCount;
            }
            default -> topValues = distinct.top(TOP_VALUES);
        }
        ColumnProfile profile = new ColumnProfile(name, type, count, missing, distinct.distinct(),
                distinct.exact(), numericResult == null ? null : numericResult.summary(), topValues, range,
                violations);
        return new Finished(profile, numericResult, this);
    }

    record Finished(ColumnProfile profile, NumericAccumulator.Result numeric, ColumnAccumulator column) {
    }
}
