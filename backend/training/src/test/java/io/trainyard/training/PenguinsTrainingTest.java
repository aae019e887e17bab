package io.trainyard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.training.bundle.MissingFeaturesException;
import io.trainyard.training.bundle.Prediction;
import io.trainyard.training.bundle.Predictor;
import io.trainyard.training.config.EvaluationConfig;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.StratifiedSplitter;
import io.trainyard.training.data.TabularData;
import io.trainyard.training.metrics.ClassificationMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PenguinsTrainingTest {
    static final List<String> FEATURES = List.of("Island", "Beak Length (mm)", "Beak Depth (mm)",
            "Flipper Length (mm)", "Body Mass (g)", "Sex");
    static TabularData data;
    static SplitAssignment split;
    static TrainingConfig config;

    @BeforeAll
    static void load() throws Exception {
        data = TestData.penguins();
        config = TrainingConfig.of("classification", "Species", FEATURES)
                .withEvaluation(new EvaluationConfig("Island", 1));
        split = StratifiedSplitter.split(data, "Species", 0.15, 0.15, true, 42);
    }

    @Test
    void defaultMlpReachesHighTestAccuracyAndTheBundlePredictsTheSame(@TempDir Path dir) throws Exception {
        List<String> logs = new ArrayList<>();
        TrainingResult result = TabularTrainer.train(config, data, split, new TrainingListener() {
            @Override
            public void onLog(String line) {
                logs.add(line);
            }
        }, CheckpointStore.NONE, dir);

        System.out.printf("penguins: %s epochs=%d best=%d test_accuracy=%.4f test_f1=%.4f test_auc=%.4f "
                + "rows/s=%.0f duration=%s device=%s%n", result.status(), result.epochsRun(), result.bestEpoch(),
                result.finalMetrics().get("test_accuracy"), result.finalMetrics().get("test_f1_macro"),
                result.finalMetrics().get("test_auc"), result.throughputRowsPerSecond(), result.duration(),
                result.device());
        assertThat(result.finalMetrics().get("test_accuracy")).isGreaterThanOrEqualTo(0.95);
        assertThat(result.rowCounts().get("droppedMissingTarget")).isZero();
        assertThat(result.confusionMatrix().labels()).containsExactly("Adelie", "Chinstrap", "Gentoo");
        assertThat(result.confusionMatrix().total()).isEqualTo(split.test().length);
        assertThat(result.subgroups().groups()).extracting(g -> g.group())
                .containsExactly("Biscoe", "Dream", "Torgersen");
        assertThat(result.subgroups().largestGap()).containsKey("test_accuracy");
        assertThat(result.throughputRowsPerSecond()).isPositive();
        assertThat(result.device()).contains("cpu");
        assertThat(result.history()).allSatisfy(e -> assertThat(e.metrics()).containsKeys("train_loss",
                "val_loss", "val_accuracy", "val_precision_macro", "val_recall_macro", "val_f1_macro", "val_auc"));

        // the bundle, loaded fresh, reproduces the in-memory test metrics
        try (Predictor predictor = Predictor.load(result.bundlePath())) {
            assertThat(predictor.manifest().versions()).containsKeys("djl", "engine", "trainyard-training");
            List<Map<String, String>> rows = new ArrayList<>();
            int[] actual = new int[split.test().length];
            List<String> classes = predictor.manifest().labels().classes();
            for (int i = 0; i < split.test().length; i++) {
                rows.add(row(split.test()[i]));
                actual[i] = classes.indexOf(data.cell(split.test()[i], 0));
            }
            List<Prediction> predictions = predictor.predict(rows);
            double[][] p = predictions.stream()
                    .map(pr -> classes.stream().mapToDouble(c -> pr.probabilities().get(c)).toArray())
                    .toArray(double[][]::new);
            ClassificationMetrics m = ClassificationMetrics.compute(classes, actual, p);
            assertThat(m.accuracy()).isEqualTo(result.finalMetrics().get("test_accuracy"));
            assertThat(m.auc()).isCloseTo(result.finalMetrics().get("test_auc"), org.assertj.core.data.Offset
                    .offset(1e-6));

            Map<String, String> unknownIsland = row(split.test()[0]);
            unknownIsland.put("Island", "Atlantis");
            assertThat(predictor.predict(unknownIsland).label()).isIn(classes);
            assertThat(predictor.unknownCategories()).isEqualTo(1);

            Map<String, String> noSex = row(split.test()[0]);
            noSex.remove("Sex");
            noSex.remove("Body Mass (g)");
            assertThatThrownBy(() -> predictor.predict(noSex)).isInstanceOf(MissingFeaturesException.class)
                    .hasMessageContaining("Sex").hasMessageContaining("Body Mass (g)");
        }
    }

    private static Map<String, String> row(int r) {
        Map<String, String> m = new HashMap<>();
        for (int c = 0; c < data.columns().size(); c++) {
            m.put(data.columns().get(c).name(), data.cell(r, c));
        }
        return m;
    }
}
