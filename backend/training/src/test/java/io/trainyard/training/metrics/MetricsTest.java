package io.trainyard.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** Brute force: over all positive/negative pairs, 1 if the positive scores higher, 1/2 on a tie. */
    static double pairwiseAuc(boolean[] pos, double[] s) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (pos[i] && !pos[j]) {
                    sum += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return sum / pairs;
    }

    @Test
    void rankAucMatchesPairwiseCountWithTies() {
        Random r = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 40;
            boolean[] pos = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                pos[i] = r.nextBoolean();
                s[i] = r.nextInt(6) / 5.0; // heavy ties
            }
            pos[0] = true;
            pos[1] = false;
            assertThat(Auc.binary(pos, s)).isCloseTo(pairwiseAuc(pos, s), within(1e-12));
        }
        assertThat(Auc.binary(new boolean[] {true, false}, new double[] {0.5, 0.5})).isEqualTo(0.5);
        assertThat(Auc.binary(new boolean[] {true, true}, new double[] {0.1, 0.2})).isNaN();
    }

    @Test
    void classificationMetricsAgreeWithTheConfusionMatrix() {
        Random r = new Random(2);
        int n = 200;
        int k = 3;
        int[] actual = new int[n];
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            actual[i] = r.nextInt(k);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = r.nextDouble() + (c == actual[i] ? 0.6 : 0);
                sum += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= sum;
            }
        }
        ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b", "c"), actual, p);
        long[][] cm = m.confusionMatrix().counts();
        assertThat(m.confusionMatrix().total()).isEqualTo(n);
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        long diag = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            long fp = 0;
            long fn = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fp += cm[o][c];
                    fn += cm[c][o];
                }
            }
            double pc = tp / (double) (tp + fp);
            double rc = tp / (double) (tp + fn);
            precision += pc / k;
            recall += rc / k;
            f1 += 2 * pc * rc / (pc + rc) / k;
            diag += tp;
            assertThat(m.perClass().get(c).support()).isEqualTo(tp + fn);
        }
        assertThat(m.accuracy()).isCloseTo(diag / (double) n, within(1e-12));
        assertThat(m.precisionMacro()).isCloseTo(precision, within(1e-12));
        assertThat(m.recallMacro()).isCloseTo(recall, within(1e-12));
        assertThat(m.f1Macro()).isCloseTo(f1, within(1e-12));

        double auc = 0;
        for (int c = 0; c < k; c++) {
            boolean[] pos = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                pos[i] = actual[i] == c;
                s[i] = p[i][c];
            }
            auc += pairwiseAuc(pos, s) / k;
        }
        assertThat(m.auc()).isCloseTo(auc, within(1e-12));
    }

    @Test
    void regressionMetrics() {
        RegressionMetrics m = RegressionMetrics.compute(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 5});
        assertThat(m.mae()).isEqualTo(0.25);
        assertThat(m.rmse()).isEqualTo(0.5);
        assertThat(m.r2()).isCloseTo(1 - 1 / 5.0, within(1e-12));
    }

    @Test
    void subgroupGapIgnoresSmallGroups() {
        SubgroupReport r = SubgroupReport.of("g", 5, List.of(
                new GroupMetrics("a", 10, java.util.Map.of("test_accuracy", 0.9)),
                new GroupMetrics("b", 10, java.util.Map.of("test_accuracy", 0.7)),
                new GroupMetrics("c", 2, java.util.Map.of("test_accuracy", 0.0))));
        assertThat(r.largestGap().get("test_accuracy")).isCloseTo(0.2, within(1e-12));
    }
}
