package io.trainyard.server.datasets.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Assigns the rows of a dataset version to train, validation and test, the same way every time.
 *
 * <p>Rows are grouped into strata by their label (all rows are one stratum when not stratified; a
 * null label is a stratum of its own). Strata are visited in label order (null first), and one
 * {@link SplittableRandom} seeded with {@code seed} shuffles each stratum's rows (Fisher–Yates, rows in
 * file order before the shuffle). Of a stratum of n rows, the first round(n × test) shuffled rows go to
 * test, the next round(n × validation) to validation, the rest to train. So the result depends only on
 * the arguments: not on hash codes or the iteration order of hash maps. {@code SplittableRandom}
 * (SplitMix64) gives the same sequence for a seed on every JVM (JDK 17 and 25 checked);
 * {@code SplitPlannerTest} pins an assignment so that a change would show.
 */
public final class SplitPlanner {

    /**
     * @param rowCount       rows in the dataset version
     * @param validation     share of rows for validation, ≥ 0
     * @param test           share of rows for test, ≥ 0; {@code validation + test} must be below 1
     * @param seed           the shuffle's seed
     * @param stratifyLabels one label a row (e.g. the target column's values) to keep class shares equal
     *                       in every part; null not to stratify
     * @throws IllegalArgumentException naming the argument that is out of range
     */
    public SplitAssignment plan(int rowCount, double validation, double test, long seed, List<String> stratifyLabels) {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative, got " + rowCount);
        }
        checkShare("validation", validation);
        checkShare("test", test);
        if (validation + test >= 1) {
            throw new IllegalArgumentException("validation + test must be below 1 so that rows are left for"
                    + " training, got " + validation + " + " + test);
        }
        if (stratifyLabels != null && stratifyLabels.size() != rowCount) {
            throw new IllegalArgumentException("stratify: " + stratifyLabels.size() + " labels given for "
                    + rowCount + " rows");
        }
        List<int[]> strata = new ArrayList<>();
        if (stratifyLabels == null) {
            int[] all = new int[rowCount];
            for (int i = 0; i < rowCount; i++) {
                all[i] = i;
            }
            strata.add(all);
        } else {
            Map<String, IntList> byLabel = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
            for (int i = 0; i < rowCount; i++) {
                byLabel.computeIfAbsent(stratifyLabels.get(i), label -> new IntList()).add(i);
            }
            byLabel.values().forEach(rows -> strata.add(rows.toArray()));
        }
        byte[] splits = new byte[rowCount];
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] rows : strata) {
            shuffle(rows, random);
            int n = rows.length;
            int testRows = (int) Math.round(n * test);
            int validationRows = Math.min(n - testRows, (int) Math.round(n * validation));
            for (int k = 0; k < n; k++) {
                Split split = k < testRows ? Split.TEST : k < testRows + validationRows ? Split.VALIDATION : Split.TRAIN;
                splits[rows[k]] = (byte) split.ordinal();
            }
        }
        return new SplitAssignment(splits);
    }

    private static void checkShare(String name, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException(name + " must be at least 0 and below 1, got " + share);
        }
    }

    private static void shuffle(int[] rows, SplittableRandom random) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    }

    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
