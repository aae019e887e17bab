package io.trainyard.server.datasets.profile;

import io.trainyard.client.model.ValueCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Counts the distinct values of a column and how often each occurs.
 *
 * <p>Values arrive as 64-bit keys (a hash of the text, or of the number for numeric values, so
 * {@code 1} and {@code 1.0} are one value). Up to {@code bound} distinct keys are counted exactly in an
 * open-addressing table that also keeps the text of each key's first occurrence. The first key past
 * the bound switches the distinct count to an HLL sketch (DataSketches, lgK 14: about 0.8 % relative
 * standard error), seeded with every key seen so far; the caller feeds it the later keys (see
 * {@link #add}), which lets that work run on a helper thread ({@link Offload}). The table is kept,
 * frozen. Top values past the bound come from a frequent-items sketch (DataSketches) seeded with the
 * frozen table's counts and fed with the non-numeric values from then on; it is only created when the
 * first such value arrives, so a numeric column never pays for it, and its top values stay those of
 * the frozen table. (Numbers are left out of the sketch: each would need a String, and a column with
 * that many distinct numbers is numeric, or text, where the top values matter little.)
 *
 * <p>Key collisions are ignored: with 64-bit keys and at most 10,000 distinct values per column the
 * chance of one is below 10<sup>-11</sup>.
 */
final class DistinctCounter {

    static final int HLL_LG_K = 14;
    static final int FREQUENT_ITEMS_MAP_SIZE = 2048;
    /** Stands in for key 0, which marks an empty slot. */
    private static final long ZERO_KEY = 0x5851F42D4C957F2DL;

    private final int bound;
    /** Key at 2i, its count at 2i + 1: one cache line per probe. */
    private long[] table;
    private String[] texts;
    private int size;
    private int mask;

    private HllSketch hll;
    private long lastKey;
    private ItemsSketch<String> frequentItems;

    DistinctCounter(int bound) {
        this.bound = bound;
        allocate(64);
    }

    private void allocate(int capacity) {
        table = new long[capacity * 2];
        texts = new String[capacity];
        mask = capacity - 1;
    }

    /**
     * Counts one value.
     *
     * @return whether the caller must still add {@code key} to {@link #sketch()}: past the exact bound,
     *         unless it repeats the previous key (runs of one value, as in sorted files, need one update)
     */
    boolean add(long key, char[] buf, int off, int len, boolean text) {
        if (hll == null) {
            if (key == 0) {
                key = ZERO_KEY;
            }
            long[] t = table;
            int slot = (int) key & mask;
            long k;
            while ((k = t[slot << 1]) != 0) {
                if (k == key) {
                    t[(slot << 1) + 1]++;
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            if (size < bound) {
                t[slot << 1] = key;
                t[(slot << 1) + 1] = 1;
                texts[slot] = new String(buf, off, len);
                if (++size * 2 > texts.length) {
                    grow();
                }
                return false;
            }
            startSketches();
        }
        if (text) {
            if (frequentItems == null) {
                startFrequentItems();
            }
            frequentItems.update(new String(buf, off, len));
        }
        if (key == lastKey) {
            return false;
        }
        lastKey = key;
        return true;
    }

    /**
     * The distinct-count sketch past the exact bound, null before. It already holds the keys of the
     * exact table; the caller adds the later keys ({@link #add} says which), possibly on another thread,
     * and reads {@link #distinct()} only after that work is done.
     */
    HllSketch sketch() {
        return hll;
    }

    private void grow() {
        long[] oldTable = table;
        String[] oldTexts = texts;
        allocate(oldTexts.length * 2);
        for (int i = 0; i < oldTexts.length; i++) {
            long key = oldTable[i << 1];
            if (key != 0) {
                int slot = (int) key & mask;
                while (table[slot << 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot << 1] = key;
                table[(slot << 1) + 1] = oldTable[(i << 1) + 1];
                texts[slot] = oldTexts[i];
            }
        }
    }

    private void startSketches() {
        hll = new HllSketch(HLL_LG_K, TgtHllType.HLL_8);
        for (int i = 0; i < texts.length; i++) {
            long key = table[i << 1];
            if (key != 0) {
                hll.update(key);
            }
        }
    }

    private void startFrequentItems() {
        frequentItems = new ItemsSketch<>(FREQUENT_ITEMS_MAP_SIZE);
        for (int i = 0; i < texts.length; i++) {
            if (table[i << 1] != 0) {
                frequentItems.update(texts[i], table[(i << 1) + 1]);
            }
        }
        table = null;
        texts = null;
    }

    boolean exact() {
        return hll == null;
    }

    long distinct() {
        return hll == null ? size : Math.round(hll.getEstimate());
    }

    /** Every value with its count, most frequent first; only while {@link #exact()}. */
    List<ValueCount> all() {
        if (hll != null) {
            throw new IllegalStateException("counts are estimated past " + bound + " distinct values");
        }
        return tableCounts();
    }

    private List<ValueCount> tableCounts() {
        List<ValueCount> values = new ArrayList<>(size);
        for (int i = 0; i < texts.length; i++) {
            if (table[i << 1] != 0) {
                values.add(new ValueCount(texts[i], table[(i << 1) + 1]));
            }
        }
        values.sort(MOST_FREQUENT_FIRST);
        return values;
    }

    /** The {@code limit} most frequent values, most frequent first (ties by value). */
    List<ValueCount> top(int limit) {
        List<ValueCount> values;
        if (frequentItems == null) {
            values = tableCounts();
        } else {
            ItemsSketch.Row<String>[] rows = frequentItems.getFrequentItems(0, ErrorType.NO_FALSE_POSITIVES);
            values = new ArrayList<>(Arrays.stream(rows)
                    .map(row -> new ValueCount(row.getItem(), row.getEstimate()))
                    .sorted(MOST_FREQUENT_FIRST)
                    .toList());
        }
        return new ArrayList<>(values.subList(0, Math.min(limit, values.size())));
    }

    private static final Comparator<ValueCount> MOST_FREQUENT_FIRST =
            Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value);
}
