package io.trainyard.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts per category over both samples: one hash map pass, O(n); nulls counted as missing. */
final class CategoryCounts {

    final String[] categories;
    final long[] reference;
    final long[] current;
    final long referenceMissing;
    final long currentMissing;

    private CategoryCounts(String[] categories, long[] reference, long[] current,
                           long referenceMissing, long currentMissing) {
        this.categories = categories;
        this.reference = reference;
        this.current = current;
        this.referenceMissing = referenceMissing;
        this.currentMissing = currentMissing;
    }

    static CategoryCounts of(String[] reference, String[] current) {
        Map<String, long[]> counts = new HashMap<>();
        long referenceMissing = count(reference, 0, counts);
        long currentMissing = count(current, 1, counts);
        String[] categories = new String[counts.size()];
        long[] r = new long[categories.length];
        long[] c = new long[categories.length];
        int i = 0;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            categories[i] = entry.getKey();
            r[i] = entry.getValue()[0];
            c[i++] = entry.getValue()[1];
        }
        return new CategoryCounts(categories, r, c, referenceMissing, currentMissing);
    }

    private static long count(String[] values, int side, Map<String, long[]> counts) {
        long missing = 0;
        for (String value : values) {
            if (value == null) {
                missing++;
            } else {
                counts.computeIfAbsent(value, v -> new long[2])[side]++;
            }
        }
        return missing;
    }

    long referenceSize() {
        return PopulationStability.sum(reference);
    }

    long currentSize() {
        return PopulationStability.sum(current);
    }

    /** Current values whose category never occurs in the reference. */
    long currentUnseen() {
        long unseen = 0;
        for (int i = 0; i < categories.length; i++) {
            if (reference[i] == 0) {
                unseen += current[i];
            }
        }
        return unseen;
    }

    /** PSI bins: each reference category, plus one bin for all categories unseen in the reference. */
    long[][] psiBins() {
        int seen = 0;
        for (long r : reference) {
            if (r > 0) {
                seen++;
            }
        }
        long[] r = new long[seen + 1];
        long[] c = new long[seen + 1];
        int at = 0;
        for (int i = 0; i < categories.length; i++) {
            if (reference[i] > 0) {
                r[at] = reference[i];
                c[at++] = current[i];
            } else {
                c[seen] += current[i];
            }
        }
        return new long[][] {r, c};
    }

    /** One bin per category, most frequent (both samples together) first, the rarest folded into one. */
    Histogram toHistogram() {
        List<Integer> order = new ArrayList<>(categories.length);
        for (int i = 0; i < categories.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> -(reference[i] + current[i]))
                .thenComparing(i -> categories[i]));
        int shown = order.size() <= Histogram.MAX_CATEGORIES ? order.size() : Histogram.MAX_CATEGORIES - 1;
        int bins = order.size() <= Histogram.MAX_CATEGORIES ? order.size() : Histogram.MAX_CATEGORIES;
        List<String> labels = new ArrayList<>(bins);
        long[] r = new long[bins];
        long[] c = new long[bins];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            int bin = Math.min(k, shown);
            r[bin] += reference[i];
            c[bin] += current[i];
            if (k < shown) {
                labels.add(categories[i]);
            }
        }
        if (shown < bins) {
            labels.add("(" + (order.size() - shown) + " other categories)");
        }
        return new Histogram(labels, null, EqualWidthHistogram.shares(r), EqualWidthHistogram.shares(c));
    }
}
