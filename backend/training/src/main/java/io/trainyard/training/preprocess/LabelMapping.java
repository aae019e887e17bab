package io.trainyard.training.preprocess;

import java.util.List;

/**
 * How the target is encoded. Classification: class index = position in {@code classes} (sorted). Regression:
 * the model is trained on {@code (y - targetMean) / targetStd} and predictions are mapped back.
 */
public record LabelMapping(List<String> classes, double targetMean, double targetStd) {

    public static LabelMapping classes(List<String> classes) {
        return new LabelMapping(List.copyOf(classes), 0, 1);
    }

    public static LabelMapping regression(double mean, double std) {
        return new LabelMapping(List.of(), mean, std);
    }

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    public int indexOf(String label) {
        return classes.indexOf(label.strip());
    }
}
