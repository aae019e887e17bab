package io.trainyard.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Statistics against values computed independently with scipy 1.17 (numpy 2.4), e.g.
 * {@code python3 -c "from scipy import stats; print(repr(stats.ks_2samp(ref, cur).pvalue))"}; the exact
 * call is next to each value.
 */
class ReferenceValuesTest {

    private static final double[] TIED_REF = {1, 2, 2, 3, 3, 3, 4, 5, 6, 7, 7.5, 8};
    private static final double[] TIED_CUR = {2, 3, 3, 4, 4, 5, 5, 5, 6, 8, 9, 10, 11, 3, 12};

    private static FeatureDrift numeric(double[] ref, double[] cur, StatTest test) {
        DriftSettings settings = DriftSettings.defaults().withNumeric(TestChoice.of(test));
        return new DriftEngine(settings).feature(new NumericSamples("x", ref.clone(), cur.clone()));
    }

    private static FeatureDrift categorical(String[] ref, String[] cur, StatTest test) {
        DriftSettings settings = DriftSettings.defaults().withCategorical(TestChoice.of(test));
        return new DriftEngine(settings).feature(new CategoricalSamples("c", ref, cur));
    }

    @Test
    void kolmogorovSmirnovWithTies() {
        // stats.ks_2samp(TIED_REF, TIED_CUR) -> statistic 0.26666666666666666, pvalue 0.6487316395783215 (exact)
        FeatureDrift drift = numeric(TIED_REF, TIED_CUR, StatTest.KS);
        assertThat(drift.statistic()).isCloseTo(0.26666666666666666, within(1e-15));
        assertThat(drift.pValue()).isCloseTo(0.6487316395783215, within(1e-12));
        assertThat(drift.drifted()).isFalse();
    }

    @Test
    void kolmogorovSmirnovLooksAtTheEcdfsOnlyAfterAWholeTie() {
        // stats.ks_2samp([0,0,0,1], [0,1,1,1]) -> statistic 0.5, pvalue 0.7714285714285716; stepping through
        // the tied zeros one side first would see 3/4 - 0 = 0.75
        FeatureDrift drift = numeric(new double[] {0, 0, 0, 1}, new double[] {0, 1, 1, 1}, StatTest.KS);
        assertThat(drift.statistic()).isEqualTo(0.5);
        assertThat(drift.pValue()).isCloseTo(0.7714285714285716, within(1e-12));
    }

    @Test
    void kolmogorovSmirnovEqualSizes() {
        // stats.ks_2samp([0.1,0.4,0.7,1.2,1.5,2.2,2.9,3.1], [0.5,0.8,1.9,2.5,3.3,3.6,4.0,4.4])
        //   -> statistic 0.5, pvalue 0.2826728826728826
        FeatureDrift drift = numeric(new double[] {0.1, 0.4, 0.7, 1.2, 1.5, 2.2, 2.9, 3.1},
                new double[] {0.5, 0.8, 1.9, 2.5, 3.3, 3.6, 4.0, 4.4}, StatTest.KS);
        assertThat(drift.statistic()).isEqualTo(0.5);
        assertThat(drift.pValue()).isCloseTo(0.2826728826728826, within(1e-12));
    }

    /** ref_i = (i·0.6180339887498949) % 1, i = 1…12000; cur_j = ((j·0.41421356237309515) % 1)·1.015, j = 1…15000. */
    private static double[][] weyl() {
        double[] ref = new double[12_000];
        double[] cur = new double[15_000];
        for (int i = 1; i <= ref.length; i++) {
            ref[i - 1] = (i * 0.6180339887498949) % 1.0;
        }
        for (int j = 1; j <= cur.length; j++) {
            cur[j - 1] = ((j * 0.41421356237309515) % 1.0) * 1.015;
        }
        return new double[][] {ref, cur};
    }

    @Test
    void kolmogorovSmirnovLargeSamplesUseTheAsymptoticPValue() {
        // same arrays in numpy; stats.ks_2samp(ref, cur) (auto = asymp above 10,000)
        //   -> statistic 0.014866666666666695, pvalue 0.10393368785018575
        double[][] weyl = weyl();
        FeatureDrift drift = numeric(weyl[0], weyl[1], StatTest.KS);
        assertThat(drift.statistic()).isCloseTo(0.014866666666666695, within(1e-15));
        assertThat(drift.pValue()).isCloseTo(0.10393368785018575, within(1e-9));
    }

    @Test
    void ourKolmogorovSmirnovStatisticIsTheLibrarys() {
        double[][] weyl = weyl();
        for (double[][] pair : new double[][][] {{TIED_REF, TIED_CUR}, weyl, {{0, 0, 0, 1}, {0, 1, 1, 1}}}) {
            double library = KolmogorovSmirnovTest.withDefaults().statistic(pair[0], pair[1]);
            double ours = KolmogorovSmirnov.statistic(SortedSamples.sortInPlace(pair[0].clone()),
                    SortedSamples.sortInPlace(pair[1].clone()));
            assertThat(ours).isEqualTo(library);
        }
    }

    @Test
    void wassersteinNormalisedByTheReferenceSampleStandardDeviation() {
        // stats.wasserstein_distance(TIED_REF, TIED_CUR) -> 1.7083333333333335; np.std(TIED_REF, ddof=1)
        //   -> 2.3592981750486475; ratio 0.7240853875106772
        SortedSamples ref = SortedSamples.sortInPlace(TIED_REF.clone());
        SortedSamples cur = SortedSamples.sortInPlace(TIED_CUR.clone());
        assertThat(Wasserstein.distance(ref, cur)).isCloseTo(1.7083333333333335, within(1e-14));
        assertThat(ref.standardDeviation()).isCloseTo(2.3592981750486475, within(1e-14));
        FeatureDrift drift = numeric(TIED_REF, TIED_CUR, StatTest.WASSERSTEIN);
        assertThat(drift.statistic()).isCloseTo(0.7240853875106772, within(1e-14));
        assertThat(drift.pValue()).isNull();
        assertThat(drift.drifted()).isTrue();
    }

    @Test
    void wassersteinLargeSamples() {
        // stats.wasserstein_distance(ref, cur) / np.std(ref, ddof=1) on the Weyl arrays -> 0.02595459755198174
        double[][] weyl = weyl();
        assertThat(numeric(weyl[0], weyl[1], StatTest.WASSERSTEIN).statistic())
                .isCloseTo(0.02595459755198174, within(1e-12));
    }

    private static String[] repeat(Object... labelsAndCounts) {
        int total = 0;
        for (int i = 1; i < labelsAndCounts.length; i += 2) {
            total += (Integer) labelsAndCounts[i];
        }
        String[] values = new String[total];
        int at = 0;
        for (int i = 0; i < labelsAndCounts.length; i += 2) {
            for (int k = 0; k < (Integer) labelsAndCounts[i + 1]; k++) {
                values[at++] = (String) labelsAndCounts[i];
            }
        }
        return values;
    }

    private static final String[] CAT_REF = repeat("a", 30, "b", 50, "c", 20);
    private static final String[] CAT_CUR = repeat("a", 25, "b", 40, "c", 30, "d", 5);

    @Test
    void chiSquareHomogeneity() {
        // stats.chi2_contingency([[30, 50, 20, 0], [25, 40, 30, 5]], correction=False)
        //   -> statistic 8.565656565656566, pvalue 0.03565944848599733, dof 3
        FeatureDrift drift = categorical(CAT_REF, CAT_CUR, StatTest.CHI_SQUARE);
        assertThat(drift.statistic()).isCloseTo(8.565656565656566, within(1e-12));
        assertThat(drift.pValue()).isCloseTo(0.03565944848599733, within(1e-12));
        assertThat(drift.drifted()).isTrue();
        assertThat(drift.currentUnseen()).isEqualTo(5);
    }

    @Test
    void chiSquareOnTwoCategoriesIsTheTwoProportionZTest() {
        // stats.chi2_contingency([[40, 60], [55, 45]], correction=False) -> 4.511278195488721, 0.033672068856345896
        // pooled z-test: p = 95/200, z = (0.40 - 0.55) / sqrt(p (1 - p) (1/100 + 1/100)); z^2 = 4.511278195488724,
        // 2 * stats.norm.sf(abs(z)) = 0.03367206885634577
        TestOutcome outcome = ChiSquareHomogeneity.test(new long[] {40, 60}, new long[] {55, 45});
        assertThat(outcome.statistic()).isCloseTo(4.511278195488724, within(1e-12));
        assertThat(outcome.pValue()).isCloseTo(0.03367206885634577, within(1e-12));
    }

    @Test
    void chiSquareOnOneCategoryIsNoDrift() {
        TestOutcome outcome = ChiSquareHomogeneity.test(new long[] {40}, new long[] {7});
        assertThat(outcome.statistic()).isZero();
        assertThat(outcome.pValue()).isEqualTo(1.0);
    }

    @Test
    void jensenShannonDistanceNaturalLog() {
        // distance.jensenshannon([30, 50, 20, 0], [25, 40, 30, 5]) -> 0.1621234522139057 (base e; with base=2
        // it would be 0.19473011144394128)
        FeatureDrift drift = categorical(CAT_REF, CAT_CUR, StatTest.JENSEN_SHANNON);
        assertThat(drift.statistic()).isCloseTo(0.1621234522139057, within(1e-14));
        assertThat(drift.drifted()).isTrue();
    }

    @Test
    void psiNumericQuantileBinsOfTheReference() {
        // reference 1..20, 4 bins: cut points at indices ceil(k*20/4) - 1 = 4, 9, 14 -> 5, 10, 15;
        // bins (-inf,5] (5,10] (10,15] (15,inf): reference 5/20 each = 0.25.
        // current 16 values: {3} | {6,7,8,9} | {11,12} | {16..24} -> 1/16, 4/16, 2/16, 9/16
        // PSI = (0.0625-0.25) ln(0.0625/0.25) + 0 + (0.125-0.25) ln(0.5) + (0.5625-0.25) ln(2.25)
        //     = 0.2599301927 + 0 + 0.0866433976 + 0.2534156926 = 0.5999892828475755
        double[] ref = new double[20];
        for (int i = 0; i < 20; i++) {
            ref[i] = i + 1;
        }
        double[] cur = {3, 6, 7, 8, 9, 11, 12, 16, 17, 18, 19, 20, 21, 22, 23, 24};
        DriftSettings settings = DriftSettings.defaults().withPsiBins(4).withNumeric(TestChoice.of(StatTest.PSI));
        FeatureDrift drift = new DriftEngine(settings).feature(new NumericSamples("x", ref, cur));
        assertThat(drift.psi()).isCloseTo(0.5999892828475755, within(1e-14));
        assertThat(drift.statistic()).isEqualTo(drift.psi());
        assertThat(drift.drifted()).isTrue();
        assertThat(PopulationStability.cutPoints(SortedSamples.sortInPlace(ref), 4)).containsExactly(5, 10, 15);
    }

    @Test
    void psiMergesEqualCutPoints() {
        // reference {0,0,0,0,0,0,1,2,3,4}, 5 bins: indices ceil(2k) - 1 = 1, 3, 5, 7 -> 0, 0, 0, 2 -> cut points 0, 2
        SortedSamples ref = SortedSamples.sortInPlace(new double[] {0, 3, 0, 1, 0, 4, 0, 2, 0, 0});
        double[] cuts = PopulationStability.cutPoints(ref, 5);
        assertThat(cuts).containsExactly(0, 2);
        assertThat(PopulationStability.binCounts(ref, cuts)).containsExactly(6, 2, 2);

        // 0/1 with 70 % zeros: indices ceil(k*10/10) - 1 = k - 1 -> seven 0s, then 1, 1 -> cut points 0, 1;
        // the bin above the reference maximum, (1, inf), holds no reference value
        SortedSamples flags = SortedSamples.sortInPlace(new double[] {0, 1, 0, 0, 1, 0, 0, 1, 0, 0});
        double[] flagCuts = PopulationStability.cutPoints(flags, 10);
        assertThat(flagCuts).containsExactly(0, 1);
        assertThat(PopulationStability.binCounts(flags, flagCuts)).containsExactly(7, 3, 0);
    }

    @Test
    void psiCategoricalWithABinForUnseenCategories() {
        // bins a, b, c, unseen: reference 0.3, 0.5, 0.2, 0 -> 1e-4; current 0.25, 0.40, 0.30, 0.05 (d)
        // PSI = (0.25-0.3) ln(0.25/0.3) + (0.4-0.5) ln(0.8) + (0.3-0.2) ln(1.5) + (0.05-0.0001) ln(0.05/0.0001)
        //     = 0.0091160778 + 0.0223143551 + 0.0405465108 + 0.3101089441 = 0.3820858878932024
        FeatureDrift drift = categorical(CAT_REF, CAT_CUR, StatTest.CHI_SQUARE);
        assertThat(drift.psi()).isCloseTo(0.3820858878932024, within(1e-14));
    }

    @Test
    void perFeatureChoiceWithCustomThreshold() {
        DriftSettings settings = DriftSettings.defaults().withFeatures(Map.of("c", TestChoice.of(StatTest.JENSEN_SHANNON, 0.2)));
        FeatureDrift drift = new DriftEngine(settings).feature(new CategoricalSamples("c", CAT_REF, CAT_CUR));
        assertThat(drift.test()).isEqualTo("jensenshannon");
        assertThat(drift.threshold()).isEqualTo(0.2);
        assertThat(drift.drifted()).isFalse(); // 0.162 < 0.2
    }
}
