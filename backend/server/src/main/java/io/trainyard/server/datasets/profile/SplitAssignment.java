package io.trainyard.server.datasets.profile;

import java.util.Arrays;

/** Which part (train, validation, test) each row of a dataset version belongs to; immutable. */
public final class SplitAssignment {

    private static final Split[] SPLITS = Split.values();

    private final byte[] splits;
    private final int[] counts = new int[SPLITS.length];

    SplitAssignment(byte[] splits) {
        this.splits = splits;
        for (byte split : splits) {
            counts[split]++;
        }
    }

    /** Rows in the dataset. */
    public int size() {
        return splits.length;
    }

    /** The part row {@code row} (0-based, in file order, the header not counted) belongs to. */
    public Split split(int row) {
        return SPLITS[splits[row]];
    }

    /** How many rows a part has. */
    public int count(Split split) {
        return counts[split.ordinal()];
    }

    /** The rows of a part, ascending. */
    public int[] rows(Split split) {
        int[] rows = new int[counts[split.ordinal()]];
        int k = 0;
        for (int i = 0; i < splits.length; i++) {
            if (splits[i] == split.ordinal()) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** One byte a row: the ordinal of its {@link Split} (0 train, 1 validation, 2 test). A copy. */
    public byte[] toByteArray() {
        return splits.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SplitAssignment that && Arrays.equals(splits, that.splits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(splits);
    }

    @Override
    public String toString() {
        return "SplitAssignment[train=" + count(Split.TRAIN) + ", validation=" + count(Split.VALIDATION)
                + ", test=" + count(Split.TEST) + "]";
    }
}
