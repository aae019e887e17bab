package io.trainyard.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic, seeded train/validation/test splitter. With stratification, every target value is split in
 * the requested proportions on its own (rounded), so small classes are represented in each split. Rows with a
 * missing target are put in the train split, where the trainer drops and counts them.
 */
public final class StratifiedSplitter {
    private StratifiedSplitter() {
    }

    public static SplitAssignment split(TabularData data, String target, double validation, double test,
            boolean stratify, long seed) {
        int t = data.indexOf(target);
        if (t < 0) {
            throw new IllegalArgumentException("target column not found: " + target);
        }
        Map<String, List<Integer>> strata = new TreeMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String v = data.cell(i, t);
            if (TabularData.isMissing(v)) {
                missing.add(i);
                continue;
            }
            strata.computeIfAbsent(stratify ? v.strip() : "", k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> tr = new ArrayList<>(missing);
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (List<Integer> rows : strata.values()) {
            java.util.Collections.shuffle(rows, random);
            int n = rows.size();
            int nTest = (int) Math.round(n * test);
            int nVal = (int) Math.round(n * validation);
            if (nTest + nVal >= n) {
                nVal = Math.max(0, Math.min(nVal, n - nTest - 1));
                nTest = Math.max(0, Math.min(nTest, n - nVal - 1));
            }
            te.addAll(rows.subList(0, nTest));
            va.addAll(rows.subList(nTest, nTest + nVal));
            tr.addAll(rows.subList(nTest + nVal, n));
        }
        return new SplitAssignment(sorted(tr), sorted(va), sorted(te));
    }

    private static int[] sorted(List<Integer> list) {
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
