package io.trainyard.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeCasesTest {

    private final DriftEngine engine = new DriftEngine(DriftSettings.defaults());

    private static double[] range(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    @Test
    void emptyCurrentIsNotEnoughDataAndNotTested() {
        DriftReport report = engine.report(List.of(
                new NumericSamples("empty", range(50), new double[0]),
                new CategoricalSamples("cat", new String[] {"a", "b"}, new String[0]),
                new NumericSamples("shifted", range(50), Samples.normal(new Random(1), 50, 100, 1))));
        FeatureDrift empty = report.features().get(0);
        assertThat(empty.problem()).isEqualTo(FeatureDrift.NOT_ENOUGH_DATA);
        assertThat(empty.drifted()).isFalse();
        assertThat(empty.statistic()).isNull();
        assertThat(empty.psi()).isNull();
        assertThat(empty.referenceCount()).isEqualTo(50);
        assertThat(empty.currentCount()).isZero();
        assertThat(empty.histogram().current()).containsOnly(0.0);
        assertThat(report.features().get(1).problem()).isEqualTo(FeatureDrift.NOT_ENOUGH_DATA);
        assertThat(report.testedFeatures()).isEqualTo(1);
        assertThat(report.driftedFeatures()).isEqualTo(1);
        assertThat(report.datasetDrift()).isTrue();
    }

    @Test
    void allMissingSide() {
        FeatureDrift numeric = engine.feature(new NumericSamples("x",
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, range(10)));
        assertThat(numeric.problem()).isEqualTo(FeatureDrift.NOT_ENOUGH_DATA);
        assertThat(numeric.referenceCount()).isZero();
        assertThat(numeric.referenceMissing()).isEqualTo(3);
        FeatureDrift categorical = engine.feature(new CategoricalSamples("c", new String[] {"a"}, new String[] {null, null}));
        assertThat(categorical.problem()).isEqualTo(FeatureDrift.NOT_ENOUGH_DATA);
        assertThat(categorical.currentMissing()).isEqualTo(2);

        DriftReport nothing = engine.report(List.of(new NumericSamples("x", new double[0], new double[0])));
        assertThat(nothing.testedFeatures()).isZero();
        assertThat(nothing.driftedShare()).isZero();
        assertThat(nothing.datasetDrift()).isFalse();
        assertThat(nothing.features().get(0).histogram()).isNull();
    }

    @Test
    void missingValuesAreLeftOutAndCounted() {
        double[] ref = {1, Double.NaN, 2, 3, 4, 5, 6, Double.NEGATIVE_INFINITY};
        double[] cur = {Double.NaN, 1, 2, 3, 4, 5, 6, Double.POSITIVE_INFINITY, Double.NaN};
        FeatureDrift drift = engine.feature(new NumericSamples("x", ref, cur));
        assertThat(drift.test()).isEqualTo("ks");
        assertThat(drift.statistic()).isZero();
        assertThat(drift.pValue()).isEqualTo(1.0);
        assertThat(drift.referenceCount()).isEqualTo(6);
        assertThat(drift.referenceMissing()).isEqualTo(2);
        assertThat(drift.currentCount()).isEqualTo(6);
        assertThat(drift.currentMissing()).isEqualTo(3);
        assertThat(drift.psi()).isZero();
    }

    @Test
    void theEngineSortsNumericArraysInPlace() {
        double[] ref = {3, 1, 2, 9, 8, 7, 4};
        engine.feature(new NumericSamples("x", ref, new double[] {5, 4, 6, 1, 2, 3, 7}));
        assertThat(ref).isSorted();
    }

    @Test
    void constantFeature() {
        double[] constant = new double[2_000];
        Arrays.fill(constant, 3.0);
        FeatureDrift same = engine.feature(new NumericSamples("x", constant.clone(), constant.clone()));
        assertThat(same.test()).isEqualTo("jensenshannon"); // large reference, 1 distinct value
        assertThat(same.statistic()).isZero();
        assertThat(same.drifted()).isFalse();
        assertThat(same.histogram().bins()).containsExactly("[3.0, 3.0]");

        // sd 0 with a forced Wasserstein: 0 for the same constant, +∞ (drift) for any other sample
        DriftEngine wasserstein = new DriftEngine(DriftSettings.defaults().withNumeric(TestChoice.of(StatTest.WASSERSTEIN)));
        assertThat(wasserstein.feature(new NumericSamples("x", constant.clone(), constant.clone())).statistic()).isZero();
        double[] moved = Samples.normal(new Random(3), 2_000, 3, 0.01);
        FeatureDrift drift = wasserstein.feature(new NumericSamples("x", constant.clone(), moved));
        assertThat(drift.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(drift.drifted()).isTrue();

        FeatureDrift small = engine.feature(new NumericSamples("x", new double[] {1, 1, 1}, new double[] {1, 1, 2}));
        assertThat(small.test()).isEqualTo("chisquare");
    }

    @Test
    void kolmogorovSmirnovNeedsTwoValuesPerSide() {
        FeatureDrift drift = engine.feature(new NumericSamples("x", new double[] {1}, range(10)));
        assertThat(drift.test()).isEqualTo("ks");
        assertThat(drift.problem()).isEqualTo(FeatureDrift.NOT_ENOUGH_DATA);
    }

    @Test
    void negativeZeroTiesWithZero() {
        FeatureDrift drift = new DriftEngine(DriftSettings.defaults().withNumeric(TestChoice.of(StatTest.KS)))
                .feature(new NumericSamples("x", new double[] {-0.0, -0.0, 1}, new double[] {0.0, 0.0, 1}));
        assertThat(drift.statistic()).isZero();
    }

    @Test
    void unseenCategoriesAreCounted() {
        FeatureDrift drift = engine.feature(new CategoricalSamples("c",
                new String[] {"a", "a", "b", null}, new String[] {"a", "x", "y", "y", null, null}));
        assertThat(drift.currentUnseen()).isEqualTo(3);
        assertThat(drift.referenceCount()).isEqualTo(3);
        assertThat(drift.currentCount()).isEqualTo(4);
        assertThat(drift.currentMissing()).isEqualTo(2);
        // PSI bins a, b, unseen: reference 2/3, 1/3, 1e-4; current 1/4, 1e-4, 3/4
        double expected = (0.25 - 2 / 3.0) * Math.log(0.25 / (2 / 3.0)) + (1e-4 - 1 / 3.0) * Math.log(1e-4 / (1 / 3.0))
                + (0.75 - 1e-4) * Math.log(0.75 / 1e-4);
        assertThat(drift.psi()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(drift.histogram().bins()).containsExactly("a", "y", "b", "x");
        assertThat(drift.histogram().edges()).isNull();
    }

    @Test
    void perFeatureChoiceWinsOverTheTypeChoice() {
        DriftSettings settings = DriftSettings.defaults()
                .withNumeric(TestChoice.of(StatTest.WASSERSTEIN))
                .withFeatures(Map.of("age", TestChoice.of(StatTest.PSI, 0.25)));
        DriftReport report = new DriftEngine(settings).report(List.of(
                new NumericSamples("age", range(100), range(100)),
                new NumericSamples("income", range(100), range(100))));
        assertThat(report.features()).extracting(FeatureDrift::test).containsExactly("psi", "wasserstein");
        assertThat(report.features().get(0).threshold()).isEqualTo(0.25);
        assertThat(report.features().get(1).threshold()).isEqualTo(0.1);
    }

    @Test
    void aChosenTestThatCannotApplyIsRejectedNamingFeatureAndTest() {
        DriftEngine ks = new DriftEngine(DriftSettings.defaults().withFeatures(Map.of("colour", TestChoice.of(StatTest.KS))));
        CategoricalSamples colour = new CategoricalSamples("colour", new String[] {"red"}, new String[] {"blue"});
        assertThatThrownBy(() -> ks.feature(colour))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour").hasMessageContaining("ks");
        assertThatThrownBy(() -> ks.report(List.of(new NumericSamples("n", range(5), range(5)), colour)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour").hasMessageContaining("ks");
        assertThatThrownBy(() -> DriftSettings.defaults().withCategorical(TestChoice.of(StatTest.WASSERSTEIN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("categorical").hasMessageContaining("wasserstein");
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        DriftSettings defaults = DriftSettings.defaults();
        assertThatThrownBy(() -> defaults.withPsiBins(1)).hasMessageContaining("psiBins");
        assertThatThrownBy(() -> defaults.withPsiBins(101)).hasMessageContaining("psiBins");
        assertThatThrownBy(() -> defaults.withDriftShare(0)).hasMessageContaining("driftShare");
        assertThatThrownBy(() -> defaults.withDriftShare(1.5)).hasMessageContaining("driftShare");
        assertThatThrownBy(() -> defaults.withDriftShare(Double.NaN)).hasMessageContaining("driftShare");
        assertThatThrownBy(() -> defaults.withSmallReferenceLimit(-1)).hasMessageContaining("smallReferenceLimit");
        assertThatThrownBy(() -> defaults.withHistogramBins(1)).hasMessageContaining("histogramBins");
        assertThatThrownBy(() -> TestChoice.of(StatTest.KS, 1.0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> TestChoice.of(StatTest.PSI, -0.1)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new TestChoice(null, Double.NaN)).hasMessageContaining("threshold");
        assertThat(TestChoice.of(StatTest.WASSERSTEIN, 1.5).threshold()).isEqualTo(1.5);
        assertThat(new TestChoice(null, 1.5).threshold()).isEqualTo(1.5); // whichever test is chosen
        assertThat(defaults.withFeatures(null).features()).isEmpty();
        assertThat(defaults).isEqualTo(new DriftSettings(10, 0.5, 1000, 20, null, null, Map.of()));
    }

    @Test
    void testIds() {
        assertThat(StatTest.fromId("jensenshannon")).isEqualTo(StatTest.JENSEN_SHANNON);
        assertThat(StatTest.fromId("KS")).isEqualTo(StatTest.KS);
        assertThatThrownBy(() -> StatTest.fromId("t-test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t-test")
                .hasMessageContaining("ks, chisquare, wasserstein, jensenshannon, psi");
    }

    @Test
    void datasetDriftByShareOfTestedFeatures() {
        double[] shifted = new double[100];
        Arrays.setAll(shifted, i -> i + 1000);
        List<FeatureSamples> features = List.of(
                new NumericSamples("a", range(100), range(100)),
                new NumericSamples("b", range(100), shifted.clone()),
                new NumericSamples("c", range(100), range(100)),
                new NumericSamples("d", range(100), new double[0]));
        DriftReport half = engine.report(features);
        assertThat(half.testedFeatures()).isEqualTo(3);
        assertThat(half.driftedFeatures()).isEqualTo(1);
        assertThat(half.driftedShare()).isEqualTo(1 / 3.0);
        assertThat(half.datasetDrift()).isFalse();
        DriftReport third = new DriftEngine(DriftSettings.defaults().withDriftShare(1 / 3.0)).report(List.of(
                new NumericSamples("a", range(100), range(100)),
                new NumericSamples("b", range(100), shifted.clone()),
                new NumericSamples("c", range(100), range(100))));
        assertThat(third.datasetDrift()).isTrue();
        assertThat(engine.report(List.of()).datasetDrift()).isFalse();
    }

    @Test
    void numericHistogramHasEqualWidthBinsOverBothSamples() {
        double[] ref = {1.5, 1.6, 2.0, 2.4};
        double[] cur = {2.5, 3.5};
        FeatureDrift drift = new DriftEngine(DriftSettings.defaults().withHistogramBins(4))
                .feature(new NumericSamples("x", ref, cur));
        Histogram histogram = drift.histogram();
        assertThat(histogram.edges()).containsExactly(1.5, 2.0, 2.5, 3.0, 3.5);
        assertThat(histogram.bins()).containsExactly("[1.50, 2.00)", "[2.00, 2.50)", "[2.50, 3.00)", "[3.00, 3.50]");
        assertThat(histogram.reference()).containsExactly(0.5, 0.5, 0, 0);
        assertThat(histogram.current()).containsExactly(0, 0, 0.5, 0.5);
    }

    @Test
    void categoricalHistogramFoldsTheRarestCategories() {
        String[] ref = new String[1_000];
        Arrays.setAll(ref, i -> "id" + i);
        FeatureDrift drift = engine.feature(new CategoricalSamples("id", ref, ref.clone()));
        Histogram histogram = drift.histogram();
        assertThat(histogram.bins()).hasSize(Histogram.MAX_CATEGORIES);
        assertThat(histogram.bins().get(Histogram.MAX_CATEGORIES - 1)).isEqualTo("(951 other categories)");
        assertThat(Arrays.stream(histogram.reference()).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void binnedCategoryTestsForNumericFeaturesWithManyValues() {
        DriftEngine js = new DriftEngine(DriftSettings.defaults().withNumeric(TestChoice.of(StatTest.JENSEN_SHANNON)));
        Random random = new Random(11);
        FeatureDrift same = js.feature(new NumericSamples("x", Samples.normal(random, 5_000, 0, 1), Samples.normal(random, 5_000, 0, 1)));
        FeatureDrift moved = js.feature(new NumericSamples("x", Samples.normal(random, 5_000, 0, 1), Samples.normal(random, 5_000, 1, 1)));
        assertThat(same.statistic()).isLessThan(0.05);
        assertThat(moved.statistic()).isGreaterThan(0.3);
        DriftEngine chi = new DriftEngine(DriftSettings.defaults().withNumeric(TestChoice.of(StatTest.CHI_SQUARE)));
        assertThat(chi.feature(new NumericSamples("x", Samples.normal(random, 500, 0, 1), Samples.normal(random, 500, 1, 1))).pValue())
                .isLessThan(1e-6);
    }
}
