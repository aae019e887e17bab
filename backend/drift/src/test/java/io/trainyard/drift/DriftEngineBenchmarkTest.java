package io.trainyard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in benchmark: 1,000,000 reference × 1,000,000 current rows × 20 numeric features (seeded; features
 * 0–2 shifted by half a standard deviation, 1 % missing values), default settings (so Wasserstein or
 * Jensen–Shannon, plus PSI and the histogram). Times {@code report} (median of 5 after 2 warm-ups)
 * against a baseline that only sorts copies of the same 40 arrays one after the other, and reports the
 * heap's high-water mark. Every timed run starts from fresh unsorted copies (the engine sorts in place).
 *
 * <pre>./mvnw -o -q -B -pl backend/drift test -Dtest=DriftEngineBenchmarkTest -Dtrainyard.perf=true -DargLine="-Xmx2g"</pre>
 */
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
class DriftEngineBenchmarkTest {

    private static final int ROWS = 1_000_000;
    private static final int FEATURES = 20;
    private static final int SHIFTED = 3;
    private static final int WARM_UPS = 2;
    private static final int RUNS = 5;

    @Test
    void reportOnTwentyFeaturesOfAMillionRows() throws Exception {
        double[][] pristine = new double[2 * FEATURES][];
        IntStream.range(0, 2 * FEATURES).parallel().forEach(a -> pristine[a] = generate(a / 2, a % 2 == 1));
        double[][] working = new double[2 * FEATURES][ROWS];
        DriftEngine engine = new DriftEngine(DriftSettings.defaults());

        DriftReport report = null;
        long[] reportNanos = new long[RUNS];
        long[] sortNanos = new long[RUNS];
        long[] parallelSortNanos = new long[RUNS];
        HeapWatcher heap = new HeapWatcher();
        for (int run = -WARM_UPS; run < RUNS; run++) {
            refill(pristine, working);
            System.gc();
            heap.start();
            long start = System.nanoTime();
            report = engine.report(samples(working));
            long reportTime = System.nanoTime() - start;
            heap.stop();

            refill(pristine, working);
            start = System.nanoTime();
            for (double[] array : working) {
                Arrays.sort(array);
            }
            long sortTime = System.nanoTime() - start;

            refill(pristine, working);
            start = System.nanoTime();
            Arrays.stream(working).parallel().forEach(Arrays::sort); // common pool + caller: the same 2 cores
            long parallelSortTime = System.nanoTime() - start;
            if (run >= 0) {
                reportNanos[run] = reportTime;
                sortNanos[run] = sortTime;
                parallelSortNanos[run] = parallelSortTime;
            }
        }

        double reportMs = median(reportNanos) / 1e6;
        double sortMs = median(sortNanos) / 1e6;
        double parallelSortMs = median(parallelSortNanos) / 1e6;
        long dataMb = 2L * 2 * FEATURES * ROWS * Double.BYTES / (1 << 20);
        System.out.printf(Locale.ROOT, "drift benchmark: %d features x %,d reference x %,d current rows, %d processors%n",
                FEATURES, ROWS, ROWS, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  report (median of %d): %.0f ms; runs %s ms%n", RUNS, reportMs, millis(reportNanos));
        System.out.printf(Locale.ROOT, "  baseline, Arrays.sort of the 40 arrays one by one: %.0f ms (ratio report/baseline %.2f); runs %s ms%n",
                sortMs, reportMs / sortMs, millis(sortNanos));
        System.out.printf(Locale.ROOT, "  baseline, the same sorts in parallel: %.0f ms (ratio %.2f); runs %s ms%n",
                parallelSortMs, reportMs / parallelSortMs, millis(parallelSortNanos));
        System.out.printf(Locale.ROOT, "  max heap used during report: %d MB (the benchmark holds %d MB of arrays: originals and working copies)%n",
                heap.maxUsed() / (1 << 20), dataMb);
        System.out.printf(Locale.ROOT, "  tests %s; drifted %d of %d%n",
                report.features().stream().map(FeatureDrift::test).distinct().toList(), report.driftedFeatures(),
                report.testedFeatures());

        for (int f = 0; f < FEATURES; f++) {
            assertThat(report.features().get(f).drifted()).as("feature %d", f).isEqualTo(f < SHIFTED);
        }
    }

    /**
     * Feature f: normal, exponential, uniform, lognormal or integer counts by f mod 5; the current sample
     * of features below SHIFTED moves by half a standard deviation; 1 % NaN.
     */
    private static double[] generate(int feature, boolean current) {
        SplittableRandom random = new SplittableRandom(31L * feature + (current ? 17 : 0));
        double shift = current && feature < SHIFTED ? 0.5 : 0;
        double[] values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double v = switch (feature % 5) {
                case 0 -> random.nextGaussian() + shift;
                case 1 -> -Math.log(1 - random.nextDouble()) + shift;
                case 2 -> random.nextDouble() * Math.sqrt(12) + shift;
                case 3 -> Math.exp(0.5 * random.nextGaussian()) + shift * 0.6;
                default -> Math.floor(20 + 4 * random.nextGaussian() + shift * 4);
            };
            values[i] = random.nextInt(100) == 0 ? Double.NaN : v;
        }
        return values;
    }

    private static List<FeatureSamples> samples(double[][] working) {
        List<FeatureSamples> features = new ArrayList<>(FEATURES);
        for (int f = 0; f < FEATURES; f++) {
            features.add(new NumericSamples("f" + f, working[2 * f], working[2 * f + 1]));
        }
        return features;
    }

    private static void refill(double[][] from, double[][] to) {
        for (int a = 0; a < from.length; a++) {
            System.arraycopy(from[a], 0, to[a], 0, ROWS);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).map(n -> n / 1_000_000).toArray());
    }

    /** Samples the used heap every millisecond while a report runs. */
    private static final class HeapWatcher {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                Runtime runtime = Runtime.getRuntime();
                while (running) {
                    max.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long maxUsed() {
            return max.get();
        }
    }
}
