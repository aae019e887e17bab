package io.trainyard.training.metrics;

import java.util.Arrays;

/**
 * ROC AUC by ranks (Mann-Whitney U): sort scores ascending, give tied scores their average rank, then
 * {@code AUC = (sum of positive ranks - P(P+1)/2) / (P * N)}. A tie between a positive and a negative counts
 * one half, exactly as the pairwise definition. NaN when a class is absent.
 */
public final class Auc {
    private Auc() {
    }

    public static double binary(boolean[] positive, double[] score) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPositive = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Macro one-vs-rest: the mean AUC over classes present with both positives and negatives. */
    public static double macroOneVsRest(int[] actual, double[][] probabilities, int classes) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            boolean[] pos = new boolean[actual.length];
            double[] s = new double[actual.length];
            for (int i = 0; i < actual.length; i++) {
                pos[i] = actual[i] == c;
                s[i] = probabilities[i][c];
            }
            double auc = binary(pos, s);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
