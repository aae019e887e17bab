package io.trainyard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** References above smallReferenceLimit (n = 20,000): distances instead of tests, which grow with the shift, not n. */
class LargeReferenceTest {

    private static final int N = 20_000;
    private final DriftEngine engine = new DriftEngine(DriftSettings.defaults());

    private static String[] flags(Random random, double share) {
        return Samples.categorical(random, N, 1 - share, share);
    }

    @Test
    void smallShiftIsNotDrift() {
        Random random = new Random(7);
        DriftReport report = engine.report(List.of(
                new NumericSamples("normal", Samples.normal(random, N, 0, 1), Samples.normal(random, N, 0.03, 1)),
                new CategoricalSamples("category", Samples.categorical(random, N, 0.4, 0.3, 0.2, 0.1),
                        Samples.categorical(random, N, 0.38, 0.31, 0.2, 0.11)),
                new NumericSamples("binary", toDouble(flags(random, 0.2)), toDouble(flags(random, 0.22)))));
        assertThat(report.features()).extracting(FeatureDrift::test)
                .containsExactly("wasserstein", "jensenshannon", "jensenshannon");
        assertThat(report.features()).noneMatch(FeatureDrift::drifted);
        assertThat(report.datasetDrift()).isFalse();
    }

    @Test
    void realShiftIsDrift() {
        Random random = new Random(8);
        DriftReport report = engine.report(List.of(
                new NumericSamples("normal", Samples.normal(random, N, 0, 1), Samples.normal(random, N, 0.5, 1)),
                new CategoricalSamples("category", Samples.categorical(random, N, 0.4, 0.3, 0.2, 0.1),
                        Samples.categorical(random, N, 0.1, 0.2, 0.3, 0.4)),
                new NumericSamples("binary", toDouble(flags(random, 0.2)), toDouble(flags(random, 0.5)))));
        assertThat(report.features()).allMatch(FeatureDrift::drifted);
        assertThat(report.features().get(0).statistic()).isBetween(0.4, 0.6); // W1 of a 0.5 sd shift is 0.5 sd
        assertThat(report.datasetDrift()).isTrue();
        assertThat(report.driftedShare()).isEqualTo(1.0);
    }

    /** "c0"/"c1" as 0/1: a numeric feature with two distinct values. */
    private static double[] toDouble(String[] flags) {
        double[] values = new double[flags.length];
        for (int i = 0; i < flags.length; i++) {
            values[i] = flags[i].equals("c1") ? 1 : 0;
        }
        return values;
    }
}
