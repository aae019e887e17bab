package io.trainyard.training.preprocess;

import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the training loop needs from the data: rows with a missing (or, for regression, non-numeric)
 * target are dropped from every split and counted; optional duplicate / missing-feature removal on the train
 * split; the preprocessor and label mapping fitted on the train split; the three splits encoded.
 */
public record PreparedDataset(Preprocessor preprocessor, LabelMapping labels, EncodedSplit train,
        EncodedSplit validation, EncodedSplit test, long droppedMissingTarget, long droppedDuplicates,
        long droppedMissingFeatures, long unknownCategoriesValidation, long unknownCategoriesTest) {

    public static PreparedDataset prepare(TrainingConfig config, TabularData data, SplitAssignment split) {
        int t = data.indexOf(config.target());
        boolean classification = config.isClassification();
        int[] featureIdx = config.features().stream().mapToInt(data::indexOf).toArray();
        long[] dropped = new long[1];
        int[] train = keepWithTarget(data, t, classification, split.train(), dropped);
        int[] val = keepWithTarget(data, t, classification, split.validation(), dropped);
        int[] test = keepWithTarget(data, t, classification, split.test(), dropped);

        long dupes = 0;
        if (config.preprocessing().dropDuplicates()) {
            Set<List<String>> seen = new HashSet<>();
            List<Integer> kept = new ArrayList<>();
            for (int r : train) {
                List<String> key = new ArrayList<>();
                for (int f : featureIdx) {
                    key.add(norm(data.cell(r, f)));
                }
                key.add(norm(data.cell(r, t)));
                if (seen.add(key)) {
                    kept.add(r);
                }
            }
            dupes = train.length - kept.size();
            train = kept.stream().mapToInt(Integer::intValue).toArray();
        }
        long missingFeatures = 0;
        if ("drop".equals(config.preprocessing().missing())) {
            int before = train.length;
            train = Arrays.stream(train).filter(r -> Arrays.stream(featureIdx)
                    .noneMatch(f -> TabularData.isMissing(data.cell(r, f)))).toArray();
            missingFeatures = before - train.length;
        }

        LabelMapping labels;
        if (classification) {
            TreeSet<String> classes = new TreeSet<>();
            for (int[] rows : List.of(train, val, test)) {
                for (int r : rows) {
                    classes.add(data.cell(r, t).strip());
                }
            }
            labels = LabelMapping.classes(List.copyOf(classes));
        } else {
            double[] y = Arrays.stream(train).mapToDouble(r -> Preprocessor.parseOrNaN(data.cell(r, t))).toArray();
            double mean = Arrays.stream(y).average().orElse(0);
            double var = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, y.length);
            labels = LabelMapping.regression(mean, var > 0 ? Math.sqrt(var) : 1);
        }
        Preprocessor pre = PreprocessorFitter.fit(config.preprocessing(), data, config.features(), train);
        AtomicLong unknownVal = new AtomicLong();
        AtomicLong unknownTest = new AtomicLong();
        return new PreparedDataset(pre, labels, encode(data, pre, labels, featureIdx, t, train, null),
                encode(data, pre, labels, featureIdx, t, val, unknownVal),
                encode(data, pre, labels, featureIdx, t, test, unknownTest), dropped[0], dupes, missingFeatures,
                unknownVal.get(), unknownTest.get());
    }

    private static String norm(String cell) {
        return TabularData.isMissing(cell) ? "" : cell.strip();
    }

    private static int[] keepWithTarget(TabularData data, int t, boolean classification, int[] rows,
            long[] dropped) {
        int[] kept = Arrays.stream(rows).filter(r -> {
            String v = data.cell(r, t);
            return classification ? !TabularData.isMissing(v) : !Double.isNaN(Preprocessor.parseOrNaN(v));
        }).toArray();
        dropped[0] += rows.length - kept.length;
        return kept;
    }

    private static EncodedSplit encode(TabularData data, Preprocessor pre, LabelMapping labels, int[] featureIdx,
            int t, int[] rows, AtomicLong unknown) {
        int w = pre.outputWidth();
        float[] x = new float[rows.length * w];
        float[] y = new float[rows.length];
        double[] target = new double[rows.length];
        String[] cells = new String[featureIdx.length];
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < featureIdx.length; f++) {
                cells[f] = data.cell(rows[i], featureIdx[f]);
            }
            pre.encodeInto(cells, x, i * w, unknown);
            String v = data.cell(rows[i], t);
            if (labels.isClassification()) {
                target[i] = labels.indexOf(v);
                y[i] = (float) target[i];
            } else {
                target[i] = Preprocessor.parseOrNaN(v);
                y[i] = (float) ((target[i] - labels.targetMean()) / labels.targetStd());
            }
        }
        return new EncodedSplit(rows, x, y, target, w);
    }
}
