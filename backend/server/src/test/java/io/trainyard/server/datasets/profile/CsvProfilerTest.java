package io.trainyard.server.datasets.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.NumericSummary;
import io.trainyard.client.model.QualityIssue;
import io.trainyard.client.model.Severity;
import io.trainyard.client.model.ValueCount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CsvProfilerTest {

    /** Surefire runs in backend/server; shared/ lies beside the repository. */
    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    private final CsvProfiler profiler = new CsvProfiler();

    static ProfileResult profile(String csv) {
        return profile(csv, null);
    }

    static ProfileResult profile(String csv, String target) {
        return new CsvProfiler().profile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), target);
    }

    static ColumnProfile column(ProfileResult result, String name) {
        return result.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static List<QualityIssue> issues(ProfileResult result, String code) {
        return result.quality().issues().stream().filter(i -> i.code().equals(code)).toList();
    }

    @Test
    void penguinsMatchAnIndependentCount() throws IOException {
        assertThat(PENGUINS).as("shared data, resolved from backend/server").exists();
        List<String> lines = Files.readAllLines(PENGUINS, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<String[]> rows = lines.subList(1, lines.size()).stream()
                .filter(line -> !line.isBlank()).map(line -> line.split(",", -1)).toList();
        Set<String> missingMarkers = Set.of("", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "NAN", "null", "NULL", "Null");

        ProfileResult result;
        try (InputStream in = Files.newInputStream(PENGUINS)) {
            result = profiler.profile(in, "Species");
        }

        assertThat(result.rowCount()).isEqualTo(rows.size());
        assertThat(result.delimiter()).isEqualTo(',');
        assertThat(result.sortedRowHashes()).hasSize(rows.size()).isSorted();
        assertThat(result.columns()).extracting(ColumnProfile::name).containsExactly(header);
        for (int c = 0; c < header.length; c++) {
            int index = c;
            List<String> values = rows.stream().map(r -> r[index].trim()).toList();
            List<String> present = values.stream().filter(Predicate.not(missingMarkers::contains)).toList();
            ColumnProfile profile = result.columns().get(c);
            assertThat(profile.count()).as(header[c]).isEqualTo(values.size());
            assertThat(profile.missing()).as(header[c]).isEqualTo(values.size() - present.size());
            boolean numeric = present.stream().allMatch(CsvProfilerTest::isNumber);
            if (numeric) {
                double[] xs = present.stream().mapToDouble(Double::parseDouble).sorted().toArray();
                assertThat(profile.type()).as(header[c]).isEqualTo(ColumnType.NUMERIC);
                NumericSummary summary = profile.numeric();
                assertThat(summary.mean()).as(header[c]).isCloseTo(Arrays.stream(xs).average().orElseThrow(), within(1e-9));
                assertThat(summary.min()).isEqualTo(xs[0]);
                assertThat(summary.max()).isEqualTo(xs[xs.length - 1]);
                assertThat(summary.quantiles().get("p50")).isCloseTo(exactQuantile(xs, 0.5), within(1e-9));
                assertThat(summary.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(xs.length);
                assertThat(profile.distinct()).isEqualTo(Arrays.stream(xs).distinct().count());
            } else {
                assertThat(profile.type()).as(header[c]).isEqualTo(ColumnType.CATEGORICAL);
                Map<String, Long> counts = new TreeMap<>();
                present.forEach(v -> counts.merge(v, 1L, Long::sum));
                assertThat(profile.distinct()).isEqualTo(counts.size());
                assertThat(profile.topValues()).extracting(ValueCount::value, ValueCount::count)
                        .containsExactlyInAnyOrderElementsOf(counts.entrySet().stream()
                                .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
            }
        }
        // the two rows without measurements are missing in five columns each
        assertThat(column(result, "Body Mass (g)").missing()).isEqualTo(2);
        assertThat(column(result, "Sex").missing()).isEqualTo(10);
        assertThat(column(result, "Sex").topValues().get(0)).isEqualTo(new ValueCount("MALE", 168));
        // 152 Adelie, 68 Chinstrap, 124 Gentoo: smallest / largest = 0.45
        assertThat(issues(result, "class_imbalance")).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.count()).isEqualTo(68);
            assertThat(issue.message()).contains("'Chinstrap'", "'Adelie'", "0.45");
        });
        assertThat(issues(result, "missing_values")).extracting(QualityIssue::column)
                .contains("Sex", "Body Mass (g)");
        assertThat(issues(result, "duplicate_rows")).isEmpty();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static double exactQuantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() {
        ProfileResult result = profile("id,comment,score\r\n"
                + "1,\"hello, world\",3.5\r\n"
                + "2,\"two\nlines\",4\r\n"
                + "3,\"say \"\"hi\"\"\",5\r\n");
        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(column(result, "comment").topValues()).extracting(ValueCount::value)
                .containsExactlyInAnyOrder("hello, world", "two\nlines", "say \"hi\"");
        assertThat(column(result, "score").numeric().mean()).isCloseTo(12.5 / 3, within(1e-12));
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        byte[] body = "name,value\na,1\nb,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        ProfileResult result = profiler.profile(new ByteArrayInputStream(withBom), null);
        assertThat(result.columns()).extracting(ColumnProfile::name).containsExactly("name", "value");
        assertThat(result.sortedRowHashes()).isEqualTo(profile("name,value\na,1\nb,2\n").sortedRowHashes());
    }

    @Test
    void semicolonFilesWithDecimalCommasAndTabFilesAreDetected() {
        ProfileResult semicolon = profile("city;temperature;note\nBerlin;3,5;cold, windy\nParis;7,25;mild\nRome;12;warm\n");
        assertThat(semicolon.delimiter()).isEqualTo(';');
        assertThat(column(semicolon, "temperature").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(column(semicolon, "temperature").numeric().mean()).isCloseTo((3.5 + 7.25 + 12) / 3, within(1e-12));
        assertThat(column(semicolon, "note").topValues()).extracting(ValueCount::value).contains("cold, windy");

        ProfileResult tab = profile("a\tb\tc\n1\tx,y\t2024-01-01\n2\tz;w\t2024-02-01\n");
        assertThat(tab.delimiter()).isEqualTo('\t');
        assertThat(tab.columns()).extracting(ColumnProfile::name).containsExactly("a", "b", "c");
        assertThat(column(tab, "c").type()).isEqualTo(ColumnType.DATETIME);

        ProfileResult single = profile("value\n1\n2\n3\n");
        assertThat(single.delimiter()).isEqualTo(',');
        assertThat(single.columns()).hasSize(1);
    }

    @Test
    void delimiterDetectionPrefersConsistentFieldCounts() {
        // the header splits into 2 on ';' and 2 on ',', but only ';' splits every row the same way
        assertThat(CsvProfiler.detectDelimiter("a;b,c\n1;2\n3;4\n5;6\n", true)).isEqualTo(';');
        assertThat(CsvProfiler.detectDelimiter("a,b;c\n1,2\n3,4\n", true)).isEqualTo(',');
        assertThat(CsvProfiler.detectDelimiter("\"x;y\",b\n1,2\n", true)).isEqualTo(',');
    }

    @Test
    void missingMarkersAreMissingInANumericColumn() {
        ProfileResult result = profile("x,y\n1.5,a\nNA,b\nnull,c\nNaN,d\nN/A,e\n,f\n  ,g\n\"\",h\n2.5,na\n");
        ColumnProfile x = column(result, "x");
        assertThat(x.count()).isEqualTo(9);
        assertThat(x.missing()).isEqualTo(7);
        assertThat(x.type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(x.typeViolations()).isZero();
        assertThat(x.numeric().mean()).isEqualTo(2.0);
        // "na" is not a marker (it is sodium)
        assertThat(column(result, "y").missing()).isZero();
        assertThat(issues(result, "missing_values")).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.count()).isEqualTo(7);
        });
    }

    @Test
    void typesAreInferredFromAllValues() {
        StringBuilder csv = new StringBuilder("flag,answer,bits,when,level,name,amount,date\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i % 3 == 0 ? "true" : "False").append(',')
                    .append(i % 2 == 0 ? "yes" : "NO").append(',')
                    .append(i % 2).append(',')
                    .append(i % 2 == 0 ? "2024-03-0" + (1 + i % 9) : "2024-03-01T01:15:30.5+02:00").append(',')
                    .append("level").append(i % 4).append(',')
                    .append("person ").append(i).append(',')
                    .append(i == 17 ? "n/k" : String.valueOf(i * 1.5)).append(',')
                    .append(i == 42 ? "yesterday" : "2023-12-31 23:59").append('\n');
        }
        ProfileResult result = profile(csv.toString());
        assertThat(result.columns()).extracting(ColumnProfile::type).containsExactly(
                ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.DATETIME,
                ColumnType.CATEGORICAL, ColumnType.TEXT, ColumnType.NUMERIC, ColumnType.DATETIME);
        ColumnProfile when = column(result, "when");
        assertThat(when.datetimeRange().min()).isEqualTo("2024-03-01T01:15:30.5+02:00"); // Feb 29, 23:15 UTC
        assertThat(when.datetimeRange().max()).isEqualTo("2024-03-09");
        assertThat(when.topValues()).isNull();
        assertThat(when.numeric()).isNull();
        ColumnProfile amount = column(result, "amount");
        assertThat(amount.typeViolations()).isEqualTo(1);
        assertThat(amount.numeric().max()).isEqualTo(99 * 1.5);
        assertThat(amount.topValues()).isNull();
        assertThat(column(result, "date").typeViolations()).isEqualTo(1);
        assertThat(issues(result, "type_violations")).extracting(QualityIssue::column, QualityIssue::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("amount", 1L),
                        org.assertj.core.groups.Tuple.tuple("date", 1L));
        assertThat(issues(result, "type_violations").get(0).message()).contains("'n/k' on line 19");
        assertThat(column(result, "level").topValues()).extracting(ValueCount::count).containsOnly(25L);
        assertThat(issues(result, "high_cardinality")).singleElement()
                .satisfies(issue -> assertThat(issue.column()).isEqualTo("name"));
        assertThat(issues(result, "constant_column")).isEmpty();
    }

    @Test
    void aColumnOfZerosAndOnesIsBooleanAndOneWithATwoIsNumeric() {
        assertThat(column(profile("a\n0\n1\n1\n0\n"), "a").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(column(profile("a\n0\n1\n2\n0\n"), "a").type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(column(profile("a\n0.0\n1.0\n"), "a").type()).isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void constantAndEmptyColumnsAreReported() {
        ProfileResult result = profile("a,b,c\nx,1,\nx,2,\nx,3,NA\n");
        assertThat(issues(result, "constant_column")).singleElement().satisfies(issue -> {
            assertThat(issue.column()).isEqualTo("a");
            assertThat(issue.message()).contains("'x'");
        });
        assertThat(issues(result, "missing_values")).singleElement().satisfies(issue -> {
            assertThat(issue.column()).isEqualTo("c");
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(result.quality().issues().get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void distinctIsExactUpToTheBoundAndEstimatedBeyond() {
        int values = 60_000;
        StringBuilder csv = new StringBuilder("key,group\n");
        for (int i = 0; i < values; i++) {
            csv.append("k").append(i * 7919L % 1_000_003).append(',').append("g").append(i % 5).append('\n');
        }
        ProfileResult result = profile(csv.toString());
        ColumnProfile key = column(result, "key");
        assertThat(key.distinctExact()).isFalse();
        assertThat((double) key.distinct()).isCloseTo(values, within(values * 0.03));
        assertThat(key.type()).isEqualTo(ColumnType.TEXT);
        assertThat(key.topValues()).hasSizeLessThanOrEqualTo(20);
        ColumnProfile group = column(result, "group");
        assertThat(group.distinctExact()).isTrue();
        assertThat(group.distinct()).isEqualTo(5);
        assertThat(group.topValues()).extracting(ValueCount::count).containsOnly(12_000L);
    }

    @Test
    void numbersAreDistinctByValue() {
        ColumnProfile x = column(profile("x\n1\n1.0\n1e0\n-0\n0\n2\n"), "x");
        assertThat(x.distinct()).isEqualTo(3);
        assertThat(x.distinctExact()).isTrue();
    }

    @Test
    void quantilesOfManyValuesAreCloseToTheExactOnes() {
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(7);
        double[] xs = new double[n];
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < n; i++) {
            xs[i] = Math.exp(random.nextGaussian()); // skewed on purpose
            csv.append(xs[i]).append(',').append(i % 10).append('\n');
        }
        ProfileResult result = profile(csv.toString());
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        NumericSummary summary = column(result, "x").numeric();
        String[] keys = {"p1", "p5", "p25", "p50", "p75", "p95", "p99"};
        double[] levels = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
        for (int i = 0; i < keys.length; i++) {
            double estimate = summary.quantiles().get(keys[i]);
            // within 0.4 % in rank: between the exact (q - 0.004)- and (q + 0.004)-quantiles
            double rank = (double) countAtMost(sorted, estimate) / n;
            assertThat(rank).as(keys[i]).isCloseTo(levels[i], within(0.004));
            assertThat(estimate).as(keys[i]).isBetween(exactQuantile(sorted, levels[i] - 0.004),
                    exactQuantile(sorted, levels[i] + 0.004));
        }
        assertThat(summary.deciles()).hasSize(9).isSorted();
        assertThat(summary.deciles().get(4)).isCloseTo(summary.quantiles().get("p50"), within(1e-9));
        assertThat(summary.mean()).isCloseTo(Arrays.stream(xs).average().orElseThrow(), within(1e-9));
        assertThat(summary.min()).isEqualTo(sorted[0]);
        assertThat(summary.max()).isEqualTo(sorted[n - 1]);
        // histogram: estimated from the digest past 65,536 values, but the counts add up exactly
        assertThat(summary.histogram().counts()).hasSize(20);
        assertThat(summary.histogram().edges()).hasSize(21);
        assertThat(summary.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
        double width = (sorted[n - 1] - sorted[0]) / 20;
        for (int bin = 0; bin < 20; bin++) {
            double lo = sorted[0] + bin * width;
            double hi = bin == 19 ? Double.POSITIVE_INFINITY : lo + width;
            long exact = Arrays.stream(sorted).filter(x -> x >= lo && x < hi).count();
            assertThat((double) summary.histogram().counts().get(bin)).as("bin " + bin)
                    .isCloseTo(exact, within(0.005 * n));
        }
    }

    private static long countAtMost(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == x) {
            i++;
        }
        return i + 1;
    }

    @Test
    void sampledDigestKeepsQuantilesClose() {
        int n = 3_000_000; // past 2^16 values the digest is fed a weighted sample
        NumericAccumulator accumulator = new NumericAccumulator(65_536, 1);
        SplittableRandom random = new SplittableRandom(11);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            // a trend along the file, so that a biased sample would show
            xs[i] = random.nextGaussian() + i / (double) n;
            accumulator.add(xs[i]);
        }
        NumericSummary summary = accumulator.finish().summary();
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        for (var entry : summary.quantiles().entrySet()) {
            double level = Double.parseDouble(entry.getKey().substring(1)) / 100;
            double rank = (double) countAtMost(sorted, entry.getValue()) / n;
            assertThat(rank).as(entry.getKey()).isCloseTo(level, within(0.004));
        }
        assertThat(summary.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
    }

    @Test
    void theHelperThreadChangesNothing() {
        // enough rows for full batches, the t-digest with sampling, and the HLL past the exact bound
        SplittableRandom random = new SplittableRandom(13);
        StringBuilder csv = new StringBuilder("x,y,k,t\n");
        for (int i = 0; i < 150_000; i++) {
            csv.append(random.nextGaussian()).append(',').append(random.nextInt(50)).append(',')
                    .append(i % 3 == 0 ? "NA" : "key" + random.nextInt(40_000)).append(',')
                    .append("v").append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        ProfileResult alone = new CsvProfiler(false).profile(new ByteArrayInputStream(bytes), null);
        ProfileResult helped = new CsvProfiler(true).profile(new ByteArrayInputStream(bytes), null);
        assertThat(helped.columns()).isEqualTo(alone.columns());
        assertThat(helped.quality()).isEqualTo(alone.quality());
        assertThat(helped.sortedRowHashes()).isEqualTo(alone.sortedRowHashes());
        assertThat(column(alone, "k").distinctExact()).isFalse();
        assertThat(column(alone, "t").distinctExact()).isFalse();
        assertThat((double) column(alone, "t").distinct()).isCloseTo(150_000, within(150_000 * 0.03));
    }

    @Test
    void exactQuantilesAndHistogramForSmallColumns() {
        ProfileResult result = profile("x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        NumericSummary summary = column(result, "x").numeric();
        // numpy's default: linear interpolation between order statistics
        assertThat(summary.quantiles()).containsOnlyKeys("p1", "p5", "p25", "p50", "p75", "p95", "p99");
        Map<String, Double> expected = Map.of("p1", 1.09, "p5", 1.45, "p25", 3.25, "p50", 5.5, "p75", 7.75,
                "p95", 9.55, "p99", 9.91);
        expected.forEach((key, value) -> assertThat(summary.quantiles().get(key)).as(key).isCloseTo(value, within(1e-12)));
        assertThat(summary.deciles()).hasSize(9);
        assertThat(summary.deciles().get(0)).isCloseTo(1.9, within(1e-12));
        assertThat(summary.std()).isCloseTo(Math.sqrt(55.0 / 6), within(1e-12)); // sample std
        assertThat(summary.histogram().edges().get(0)).isEqualTo(1.0);
        assertThat(summary.histogram().edges().get(20)).isEqualTo(10.0);
        assertThat(summary.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(10);
        assertThat(summary.histogram().counts().get(19)).isEqualTo(1); // 10 lands in the closed last bin
    }

    @Test
    void histogramCountsAddUpToTheNonMissingCount() {
        ProfileResult result = profile("x\n3\nNA\n3.5\n\n4\n100\n");
        ColumnProfile x = column(result, "x");
        long nonMissing = x.count() - x.missing();
        assertThat(nonMissing).isEqualTo(4);
        assertThat(x.numeric().histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(nonMissing);
        // a constant column has a single bin
        assertThat(column(profile("x\n2\n2\n"), "x").numeric().histogram().counts()).containsExactly(2L);
    }

    @Test
    void duplicateRowsAreCountedOnNormalizedValues() {
        ProfileResult result = profile("a,b\n1,x\n1.0, x\n2,y\n1,x\n3,NA\n3,\n");
        // rows 2 and 4 repeat row 1 (numbers by value, cells trimmed); the last repeats the one before
        assertThat(issues(result, "duplicate_rows")).singleElement().satisfies(issue -> {
            assertThat(issue.count()).isEqualTo(3);
            assertThat(issue.column()).isNull();
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
        });
        // field order matters
        assertThat(profile("a,b\nx,y\ny,x\n").sortedRowHashes()).doesNotHaveDuplicates();
    }

    @Test
    void outliersFollowTheIqrRule() {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 1; i <= 100; i++) {
            csv.append(i).append('\n');
        }
        csv.append("-500\n1000\n2000\n");
        ProfileResult result = profile(csv.toString());
        // 103 values: Q1 = 25.5, Q3 = 76.5, IQR = 51, fences -51 and 153
        assertThat(issues(result, "outliers")).singleElement().satisfies(issue -> {
            assertThat(issue.count()).isEqualTo(3);
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.message()).contains("[-51.00, 153.0]");
        });
        assertThat(issues(profile("x\n1\n2\n3\n4\n5\n"), "outliers")).isEmpty();
    }

    @Test
    void classImbalanceNeedsATarget() {
        StringBuilder csv = new StringBuilder("feature,label\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(i < 190 ? "ok" : "fraud").append('\n');
        }
        assertThat(issues(profile(csv.toString()), "class_imbalance")).isEmpty();
        assertThat(issues(profile(csv.toString(), "label"), "class_imbalance")).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
            assertThat(issue.column()).isEqualTo("label");
            assertThat(issue.count()).isEqualTo(10);
            assertThat(issue.message()).contains("'fraud'", "'ok'", "0.05");
        });
        assertThat(issues(profile("f,y\n1,a\n2,a\n", "y"), "class_imbalance")).singleElement()
                .satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.ERROR));
        // a continuous numeric target is a regression target: no classes to balance
        assertThat(issues(profile(csv.toString(), "feature"), "class_imbalance")).isEmpty();
        assertThatThrownBy(() -> profile(csv.toString(), "Label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target column 'Label' is not in the file");
    }

    @Test
    void highCardinalityCategoricals() {
        StringBuilder csv = new StringBuilder("code\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("c").append(i % 80).append('\n');
        }
        ProfileResult result = profile(csv.toString());
        assertThat(column(result, "code").type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(column(result, "code").topValues()).hasSize(20);
        assertThat(issues(result, "high_cardinality")).singleElement().satisfies(issue -> {
            assertThat(issue.count()).isEqualTo(80);
            assertThat(issue.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void numberParserMatchesDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> samples = new ArrayList<>(List.of("0", "-0", "+1", "1.", ".5", "-.5", "1e5", "1E-5", "1.5e+300",
                "123456789012345678901234567890", "0.1", "0.30000000000000004", "9007199254740993", "4.9e-324",
                "1e-400", "00012.50"));
        for (int i = 0; i < 10_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(x)) {
                samples.add(Double.toString(x));
            }
            samples.add(String.format(Locale.ROOT, "%.6f", random.nextGaussian() * 1000));
            samples.add(Long.toString(random.nextLong()));
        }
        for (String s : samples) {
            char[] chars = ("  " + s + "  ").toCharArray();
            assertThat(NumberParser.parse(chars, 2, s.length(), false)).as(s).isEqualTo(Double.parseDouble(s));
        }
        for (String s : List.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "NaN", "Infinity", "0x10", "1d", "1f",
                "1,5", "1 000", "1e400", "--1", "abc")) {
            char[] chars = (s + " ").toCharArray();
            assertThat(s.isEmpty() ? Double.NaN : NumberParser.parse(chars, 0, s.length(), false)).as(s).isNaN();
        }
        assertThat(NumberParser.parse("1,5".toCharArray(), 0, 3, true)).isEqualTo(1.5);
    }

    @Test
    void isoDateTimes() {
        IsoDateTimeParser parser = new IsoDateTimeParser();
        assertThat(parser.parse("2024-02-29".toCharArray(), 0, 10)).isTrue();
        assertThat(parser.epochSecond).isEqualTo(java.time.LocalDate.of(2024, 2, 29).toEpochDay() * 86400);
        String offset = "2024-03-01T10:15:30.123456789-05:30";
        assertThat(parser.parse(offset.toCharArray(), 0, offset.length())).isTrue();
        java.time.Instant instant = java.time.OffsetDateTime.parse(offset).toInstant();
        assertThat(parser.epochSecond).isEqualTo(instant.getEpochSecond());
        assertThat(parser.nano).isEqualTo(instant.getNano());
        for (String bad : List.of("2023-02-29", "2024-13-01", "2024-01-32", "2024-1-01", "2024-01-01T25:00",
                "2024-01-01T10:00:00+2500", "2024-01-01X10:00", "2024-01-01T10:00:00.", "20240101")) {
            assertThat(parser.parse(bad.toCharArray(), 0, bad.length())).as(bad).isFalse();
        }
        for (String good : List.of("1999-12-31 23:59", "2024-01-01T00:00Z", "2024-01-01T10:00:00+02",
                "2024-01-01T10:00:00+0200", "2024-01-01T10:00:00,5")) {
            assertThat(parser.parse(good.toCharArray(), 0, good.length())).as(good).isTrue();
        }
    }
}
