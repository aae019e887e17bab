package io.trainyard.training.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, macro precision/recall/F1 (mean over all classes; a class never predicted has precision 0, one
 * never present recall 0), AUC (binary: on the positive = second class's probability; multiclass: macro
 * one-vs-rest), the confusion matrix and a per-class report.
 */
public record ClassificationMetrics(double accuracy, double precisionMacro, double recallMacro, double f1Macro,
        double auc, ConfusionMatrix confusionMatrix, List<ClassReport> perClass) {

    public static ClassificationMetrics compute(List<String> labels, int[] actual, double[][] probabilities) {
        int k = labels.size();
        int[] predicted = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        ConfusionMatrix cm = ConfusionMatrix.of(labels, actual, predicted);
        long correct = 0;
        List<ClassReport> per = new ArrayList<>();
        double p = 0;
        double r = 0;
        double f = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm.counts()[c][c];
            correct += tp;
            long predictedC = 0;
            long actualC = 0;
            for (int o = 0; o < k; o++) {
                predictedC += cm.counts()[o][c];
                actualC += cm.counts()[c][o];
            }
            double prec = predictedC == 0 ? 0 : (double) tp / predictedC;
            double rec = actualC == 0 ? 0 : (double) tp / actualC;
            double f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
            per.add(new ClassReport(labels.get(c), prec, rec, f1, actualC));
            p += prec;
            r += rec;
            f += f1;
        }
        double auc;
        if (k == 2) {
            boolean[] pos = new boolean[actual.length];
            double[] s = new double[actual.length];
            for (int i = 0; i < actual.length; i++) {
                pos[i] = actual[i] == 1;
                s[i] = probabilities[i][1];
            }
            auc = Auc.binary(pos, s);
        } else {
            auc = Auc.macroOneVsRest(actual, probabilities, k);
        }
        double acc = actual.length == 0 ? Double.NaN : (double) correct / actual.length;
        return new ClassificationMetrics(acc, p / k, r / k, f / k, auc, cm, List.copyOf(per));
    }

    /** The scalar metrics as {@code prefix + name}, e.g. {@code val_accuracy}. */
    public Map<String, Double> toMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "accuracy", accuracy);
        m.put(prefix + "precision_macro", precisionMacro);
        m.put(prefix + "recall_macro", recallMacro);
        m.put(prefix + "f1_macro", f1Macro);
        m.put(prefix + "auc", auc);
        return m;
    }
}
