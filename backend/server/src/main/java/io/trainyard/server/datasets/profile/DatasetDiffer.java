package io.trainyard.server.datasets.profile;

import io.trainyard.client.model.ColumnDrift;
import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnTypeChange;
import io.trainyard.client.model.DatasetDiff;
import io.trainyard.client.model.NumericSummary;
import io.trainyard.client.model.ValueCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two profiled dataset versions: "before" is the reference, "after" the one compared to it.
 *
 * <p><b>Rows</b> are matched by their hashes with multiset semantics: a linear merge of the two sorted
 * hash arrays pairs equal hashes one to one; unpaired hashes of "after" are added rows, unpaired hashes
 * of "before" removed rows.
 *
 * <p><b>Drift</b> is the population stability index, PSI = Σ (a<sub>i</sub> − e<sub>i</sub>)
 * ln(a<sub>i</sub> / e<sub>i</sub>), e the reference's and a the other version's share of bin i, for
 * columns in both versions with the same numeric, categorical or boolean type (missing values are left
 * out of the shares). Levels: none below 0.1, moderate below 0.25, major from 0.25.
 * <ul>
 * <li>Numeric: the bins are cut at the reference's deciles (p10 … p90; equal deciles merged), from −∞ to
 *     +∞. Both versions' shares come from a CDF estimated from the stored summary alone: the piecewise
 *     linear curve through (min, 0), each stored quantile and decile (p, value), and (max, 1). Using
 *     the same estimator on both sides makes identical distributions give PSI 0, and it needs no raw
 *     data or digest of either version.
 * <li>Categorical and boolean: one bin per value in either version's top values, plus one "other" bin
 *     for the rest (values outside a version's top-20 list fall there for that version).
 * </ul>
 * <b>Empty bins</b>: a share below 10<sup>-4</sup> is raised to 10<sup>-4</sup> on either side before
 * the sum (no renormalisation), so a bin that one version leaves empty adds a large but finite term,
 * and a bin both leave empty adds 0.
 */
public final class DatasetDiffer {

    static final double EMPTY_BIN_SHARE = 1e-4;
    static final double MODERATE_PSI = 0.1;
    static final double MAJOR_PSI = 0.25;

    public DatasetDiff diff(ProfileResult before, ProfileResult after) {
        return diff(before.columns(), before.rowCount(), before.sortedRowHashes(),
                after.columns(), after.rowCount(), after.sortedRowHashes());
    }

    /**
     * @param hashesBefore the reference's row hashes, sorted ascending
     * @param hashesAfter  the other version's row hashes, sorted ascending
     */
    public DatasetDiff diff(List<ColumnProfile> columnsBefore, long rowsBefore, long[] hashesBefore,
                            List<ColumnProfile> columnsAfter, long rowsAfter, long[] hashesAfter) {
        Objects.requireNonNull(hashesBefore, "hashesBefore");
        Objects.requireNonNull(hashesAfter, "hashesAfter");
        Map<String, ColumnProfile> before = byName(columnsBefore);
        Map<String, ColumnProfile> after = byName(columnsAfter);
        List<String> added = columnsAfter.stream().map(ColumnProfile::name).filter(n -> !before.containsKey(n)).toList();
        List<String> removed = columnsBefore.stream().map(ColumnProfile::name).filter(n -> !after.containsKey(n)).toList();
        List<ColumnTypeChange> retyped = new ArrayList<>();
        List<ColumnDrift> drift = new ArrayList<>();
        for (ColumnProfile reference : columnsBefore) {
            ColumnProfile current = after.get(reference.name());
            if (current == null) {
                continue;
            }
            if (reference.type() != current.type()) {
                retyped.add(new ColumnTypeChange(reference.name(), reference.type(), current.type()));
                continue;
            }
            Double psi = switch (reference.type()) {
                case NUMERIC -> numericPsi(reference.numeric(), current.numeric());
                case CATEGORICAL, BOOLEAN -> categoricalPsi(reference, current);
                default -> null;
            };
            if (psi != null) {
                drift.add(new ColumnDrift(reference.name(), reference.type(), psi, level(psi)));
            }
        }
        long[] addedRemoved = addedAndRemoved(hashesBefore, hashesAfter);
        return new DatasetDiff(rowsBefore, rowsAfter, addedRemoved[0], addedRemoved[1], added, removed,
                List.copyOf(retyped), List.copyOf(drift));
    }

    private static Map<String, ColumnProfile> byName(List<ColumnProfile> columns) {
        return columns.stream().collect(Collectors.toMap(ColumnProfile::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** {rows added, rows removed} by a linear merge of the two sorted hash arrays (multisets). */
    static long[] addedAndRemoved(long[] before, long[] after) {
        int i = 0;
        int j = 0;
        long added = 0;
        long removed = 0;
        while (i < before.length && j < after.length) {
            long b = before[i];
            long a = after[j];
            if (b == a) {
                i++;
                j++;
            } else if (b < a) {
                removed++;
                i++;
            } else {
                added++;
                j++;
            }
        }
        removed += before.length - i;
        added += after.length - j;
        return new long[] {added, removed};
    }

    static String level(double psi) {
        return psi < MODERATE_PSI ? "none" : psi < MAJOR_PSI ? "moderate" : "major";
    }

    /** PSI of two share vectors over the same bins, with shares below 10^-4 raised to 10^-4. */
    public static double psi(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("expected has " + expected.length + " bins, actual " + actual.length);
        }
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], EMPTY_BIN_SHARE);
            double a = Math.max(actual[i], EMPTY_BIN_SHARE);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    static Double numericPsi(NumericSummary reference, NumericSummary current) {
        if (reference == null || current == null) {
            return null;
        }
        double[][] referenceCdf = cdfKnots(reference);
        double[][] currentCdf = cdfKnots(current);
        double[] edges = reference.deciles() != null && !reference.deciles().isEmpty()
                ? reference.deciles().stream().mapToDouble(Double::doubleValue).toArray()
                : reference.quantiles().values().stream().mapToDouble(Double::doubleValue).toArray();
        edges = Arrays.stream(edges).sorted().distinct().toArray();
        double[] expected = new double[edges.length + 1];
        double[] actual = new double[edges.length + 1];
        double previousExpected = 0;
        double previousActual = 0;
        for (int i = 0; i < edges.length; i++) {
            double e = cdf(referenceCdf, edges[i]);
            double a = cdf(currentCdf, edges[i]);
            expected[i] = e - previousExpected;
            actual[i] = a - previousActual;
            previousExpected = e;
            previousActual = a;
        }
        expected[edges.length] = 1 - previousExpected;
        actual[edges.length] = 1 - previousActual;
        return psi(expected, actual);
    }

    /** (value, cumulative share) points of the stored summary, ascending in both. */
    static double[][] cdfKnots(NumericSummary summary) {
        TreeMap<Double, Double> points = new TreeMap<>(); // level -> value
        points.put(0.0, summary.min());
        points.put(1.0, summary.max());
        if (summary.quantiles() != null) {
            summary.quantiles().forEach((key, value) -> points.put(Double.parseDouble(key.substring(1)) / 100, value));
        }
        if (summary.deciles() != null) {
            for (int d = 0; d < summary.deciles().size(); d++) {
                points.put((d + 1) / 10.0, summary.deciles().get(d));
            }
        }
        double[] values = new double[points.size()];
        double[] levels = new double[points.size()];
        int k = 0;
        double running = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, Double> point : points.entrySet()) {
            running = Math.max(running, point.getValue()); // guard against estimates out of order
            values[k] = running;
            levels[k] = point.getKey();
            k++;
        }
        return new double[][] {values, levels};
    }

    /** The estimated share of values ≤ x: right-continuous, linear between knots. */
    static double cdf(double[][] knots, double x) {
        double[] values = knots[0];
        double[] levels = knots[1];
        int last = values.length - 1;
        if (x < values[0]) {
            return 0;
        }
        if (x >= values[last]) {
            return 1;
        }
        int j = 0;
        while (j < last && values[j + 1] <= x) {
            j++;
        }
        if (values[j] == x) {
            return levels[j];
        }
        double t = (x - values[j]) / (values[j + 1] - values[j]);
        return levels[j] + t * (levels[j + 1] - levels[j]);
    }

    static Double categoricalPsi(ColumnProfile reference, ColumnProfile current) {
        long referenceTotal = reference.count() - reference.missing();
        long currentTotal = current.count() - current.missing();
        if (referenceTotal == 0 || currentTotal == 0 || reference.topValues() == null || current.topValues() == null) {
            return null;
        }
        Map<String, Long> referenceCounts = counts(reference.topValues());
        Map<String, Long> currentCounts = counts(current.topValues());
        List<String> bins = new ArrayList<>(referenceCounts.keySet());
        currentCounts.keySet().stream().filter(v -> !referenceCounts.containsKey(v)).forEach(bins::add);
        double[] expected = new double[bins.size() + 1];
        double[] actual = new double[bins.size() + 1];
        long referenceListed = 0;
        long currentListed = 0;
        for (int i = 0; i < bins.size(); i++) {
            long e = referenceCounts.getOrDefault(bins.get(i), 0L);
            long a = currentCounts.getOrDefault(bins.get(i), 0L);
            expected[i] = (double) e / referenceTotal;
            actual[i] = (double) a / currentTotal;
            referenceListed += e;
            currentListed += a;
        }
        expected[bins.size()] = Math.max(0, referenceTotal - referenceListed) / (double) referenceTotal;
        actual[bins.size()] = Math.max(0, currentTotal - currentListed) / (double) currentTotal;
        return psi(expected, actual);
    }

    private static Map<String, Long> counts(List<ValueCount> values) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ValueCount value : values) {
            counts.merge(value.value(), value.count(), Long::sum);
        }
        return counts;
    }
}
