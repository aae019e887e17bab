package io.trainyard.server.datasets.profile;

import static io.trainyard.server.datasets.profile.CsvProfilerTest.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.client.model.ColumnDrift;
import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.ColumnTypeChange;
import io.trainyard.client.model.DatasetDiff;
import io.trainyard.client.model.Histogram;
import io.trainyard.client.model.NumericSummary;
import io.trainyard.client.model.ValueCount;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class DatasetDifferTest {

    private final DatasetDiffer differ = new DatasetDiffer();

    private static String numbers(String header, int n, DoubleSupplier values) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(values.getAsDouble()).append('\n');
        }
        return csv.toString();
    }

    @Test
    void rowsAddedAndRemovedAreMatchedAsMultisets() {
        ProfileResult before = profile("a,b\n1,x\n2,y\n2,y\n3,z\n");
        ProfileResult after = profile("a,b\n2,y\n3,z\n4,w\n4,w\n1.0,x\n");
        DatasetDiff diff = differ.diff(before, after);
        assertThat(diff.rowsBefore()).isEqualTo(4);
        assertThat(diff.rowsAfter()).isEqualTo(5);
        // one "2,y" removed, two "4,w" added; "1.0,x" is "1,x"
        assertThat(diff.rowsRemoved()).isEqualTo(1);
        assertThat(diff.rowsAdded()).isEqualTo(2);
        assertThat(DatasetDiffer.addedAndRemoved(new long[] {1, 1, 2, 5}, new long[] {1, 3, 5, 5, 9}))
                .containsExactly(3, 2);
        assertThat(DatasetDiffer.addedAndRemoved(new long[0], new long[] {1, 2})).containsExactly(2, 0);
    }

    @Test
    void schemaChanges() {
        ProfileResult before = profile("id,size,old,label\n1,1.5,a,x\n2,2.5,b,y\n3,3.5,c,x\n");
        ProfileResult after = profile("id,size,label,new\n1,big,x,1\n2,small,y,2\n3,big,x,3\n");
        DatasetDiff diff = differ.diff(before, after);
        assertThat(diff.addedColumns()).containsExactly("new");
        assertThat(diff.removedColumns()).containsExactly("old");
        assertThat(diff.retypedColumns()).containsExactly(
                new ColumnTypeChange("size", ColumnType.NUMERIC, ColumnType.CATEGORICAL));
        assertThat(diff.columns()).extracting(ColumnDrift::column).containsExactly("id", "label");
        assertThat(diff.columns().get(1).psi()).isZero();
        assertThat(diff.columns().get(1).level()).isEqualTo("none");
        assertThat(diff.rowsAdded()).isEqualTo(3); // every row changed
    }

    @Test
    void psiByHand() {
        // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5)
        double expected = -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5);
        assertThat(DatasetDiffer.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75})).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.2747, within(1e-4));
        // an empty bin counts as a share of 1e-4 on that side; a bin empty on both sides adds nothing
        double emptyBin = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) + (0.5 - 1) * Math.log(0.5 / 1.0);
        assertThat(DatasetDiffer.psi(new double[] {0.5, 0.5, 0}, new double[] {0, 1, 0})).isCloseTo(emptyBin, within(1e-12));
        assertThat(DatasetDiffer.level(0.05)).isEqualTo("none");
        assertThat(DatasetDiffer.level(0.1)).isEqualTo("moderate");
        assertThat(DatasetDiffer.level(0.25)).isEqualTo("major");
    }

    @Test
    void categoricalPsiByHand() {
        ProfileResult before = profile("c\n" + "a\n".repeat(50) + "b\n".repeat(50));
        ProfileResult after = profile("c\n" + "a\n".repeat(25) + "b\n".repeat(75) + "NA\n".repeat(10));
        ColumnDrift drift = differ.diff(before, after).columns().get(0);
        // the missing values are left out: 25/100 and 75/100 against 50/100 and 50/100
        assertThat(drift.psi()).isCloseTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), within(1e-12));
        assertThat(drift.level()).isEqualTo("major");
        assertThat(drift.type()).isEqualTo(ColumnType.CATEGORICAL);
        // a new category: a | b | c | other = 0.5 | 0.5 | 0 | 0 against 0.4 | 0.4 | 0.2 | 0
        ColumnProfile reference = new ColumnProfile("c", ColumnType.CATEGORICAL, 10, 0, 2, true, null,
                List.of(new ValueCount("a", 5), new ValueCount("b", 5)), null, 0);
        ColumnProfile current = new ColumnProfile("c", ColumnType.CATEGORICAL, 10, 0, 3, true, null,
                List.of(new ValueCount("a", 4), new ValueCount("b", 4), new ValueCount("c", 2)), null, 0);
        double byHand = 2 * (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4);
        assertThat(DatasetDiffer.categoricalPsi(reference, current)).isCloseTo(byHand, within(1e-12));
    }

    @Test
    void numericPsiByHand() {
        // reference: uniform on [0, 10]: deciles 1..9, quantiles on the same straight line
        NumericSummary reference = uniform(0, 10);
        // current: uniform on [5, 15]: its CDF at edge e is (e - 5) / 10
        NumericSummary current = uniform(5, 15);
        double[] expected = new double[10];
        double[] actual = new double[10];
        for (int bin = 0; bin < 10; bin++) {
            expected[bin] = 0.1;
            double lo = bin == 0 ? 0 : Math.max(0, (bin - 5) / 10.0);
            double hi = bin == 9 ? 1 : Math.max(0, (bin + 1 - 5) / 10.0);
            actual[bin] = hi - lo;
        }
        // bins 0..4 hold nothing of the current version, bins 5..9 hold 0.1 each... and bin 9 the rest
        assertThat(actual).containsExactly(new double[] {0, 0, 0, 0, 0, 0.1, 0.1, 0.1, 0.1, 0.6}, within(1e-12));
        assertThat(DatasetDiffer.numericPsi(reference, current)).isCloseTo(DatasetDiffer.psi(expected, actual), within(1e-9));
        assertThat(DatasetDiffer.numericPsi(reference, reference)).isZero();
    }

    private static NumericSummary uniform(double min, double max) {
        double width = max - min;
        Map<String, Double> quantiles = Map.of("p1", min + 0.01 * width, "p5", min + 0.05 * width,
                "p25", min + 0.25 * width, "p50", min + 0.5 * width, "p75", min + 0.75 * width,
                "p95", min + 0.95 * width, "p99", min + 0.99 * width);
        List<Double> deciles = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9).stream().map(d -> min + d * width / 10).toList();
        return new NumericSummary((min + max) / 2, 0, min, max, quantiles, deciles,
                new Histogram(List.of(min, max), List.of(1L)));
    }

    @Test
    void numericPsiIsNearZeroForTheSameDistributionAndLargeForAShiftedOne() {
        SplittableRandom random = new SplittableRandom(5);
        ProfileResult reference = profile(numbers("x", 20_000, random::nextGaussian));
        ProfileResult sameDistribution = profile(numbers("x", 20_000, random::nextGaussian));
        ProfileResult shifted = profile(numbers("x", 20_000, () -> random.nextGaussian() + 1));
        ProfileResult wider = profile(numbers("x", 20_000, () -> random.nextGaussian() * 2));

        ColumnDrift same = differ.diff(reference, sameDistribution).columns().get(0);
        assertThat(same.psi()).isLessThan(0.01);
        assertThat(same.level()).isEqualTo("none");
        assertThat(differ.diff(reference, reference).columns().get(0).psi()).isZero();
        ColumnDrift moved = differ.diff(reference, shifted).columns().get(0);
        assertThat(moved.psi()).isGreaterThan(0.5);
        assertThat(moved.level()).isEqualTo("major");
        // theory for N(0,1) -> N(1,1) on decile bins is about 1.0
        assertThat(moved.psi()).isBetween(0.7, 1.4);
        assertThat(differ.diff(reference, wider).columns().get(0).level()).isEqualTo("major");
    }
}
