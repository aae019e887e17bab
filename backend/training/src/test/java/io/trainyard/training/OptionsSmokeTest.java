package io.trainyard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainyard.training.config.ModelConfig;
import io.trainyard.training.config.OptimizerConfig;
import io.trainyard.training.config.ScheduleConfig;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.StratifiedSplitter;
import io.trainyard.training.data.TabularData;
import io.trainyard.training.optim.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other templates, optimizers and schedules train a binary task (Sex from the penguin measurements). */
class OptionsSmokeTest {

    @Test
    void linearSgdNesterovAndMlpBatchNormGeluRestartsBalanced() throws Exception {
        TabularData data = TestData.penguins();
        List<String> features = List.of("Species", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
                "Body Mass (g)");
        SplitAssignment split = StratifiedSplitter.split(data, "Sex", 0.15, 0.15, true, 1);
        TrainingConfig base = TrainingConfig.of("classification", "Sex", features).withEpochs(30);

        TrainingResult linear = TabularTrainer.train(base.withModel(new ModelConfig("linear", null, null, null, null))
                .withOptimizer(new OptimizerConfig("sgd", 0.05, 0.0001, 0.9, true, null, null, 5.0)),
                data, split, TrainingListener.NONE, CheckpointStore.NONE, null);
        TrainingResult mlp = TabularTrainer.train(new TrainingConfig("classification", "Sex", features, null,
                new ModelConfig("mlp", List.of(16, 8), 0.0, "gelu", true), new OptimizerConfig("adam", 0.01, null,
                null, null, null, null, null), new ScheduleConfig("cosine-restarts", 1, null, null, 5, 2, 1e-4),
                30, 32, null, null, "cpu", 5, "balanced", null), data, split, TrainingListener.NONE,
                CheckpointStore.NONE, null);

        System.out.printf("sex (binary): linear/sgd test_auc=%.3f acc=%.3f; mlp/bn/gelu test_auc=%.3f acc=%.3f%n",
                linear.finalMetrics().get("test_auc"), linear.finalMetrics().get("test_accuracy"),
                mlp.finalMetrics().get("test_auc"), mlp.finalMetrics().get("test_accuracy"));
        // the Sex column has "." and missing values: the missing ones are dropped, "." is its own class
        assertThat(linear.rowCounts().get("droppedMissingTarget")).isEqualTo(10);
        assertThat(linear.finalMetrics().get("test_accuracy")).isGreaterThan(0.75);
        assertThat(mlp.finalMetrics().get("test_accuracy")).isGreaterThan(0.75);
    }

    @Test
    void schedules() {
        ScheduleConfig cos = new ScheduleConfig("cosine", 2, null, null, null, null, null);
        LearningRateSchedule s = new LearningRateSchedule(cos, 1.0, 12, 10);
        assertThat(s.rateAt(0)).isCloseTo(0.1 / 2.1, within(1e-9));
        assertThat(s.rateAt(2)).isCloseTo(1.0, within(1e-9));
        assertThat(s.rateAt(7)).isCloseTo(0.5, within(1e-9));
        assertThat(s.rateAt(12)).isCloseTo(0.0, within(1e-9));
        LearningRateSchedule step = new LearningRateSchedule(new ScheduleConfig("step", 0, 3, 0.5, null, null, null),
                1.0, 10, 10);
        assertThat(step.rateAt(6.5)).isEqualTo(0.25);
        LearningRateSchedule sgdr = new LearningRateSchedule(
                new ScheduleConfig("cosine-restarts", 0, null, null, 2, 2, 0.0), 1.0, 20, 10);
        assertThat(sgdr.rateAt(1)).isCloseTo(0.5, within(1e-9));
        assertThat(sgdr.rateAt(2)).isCloseTo(1.0, within(1e-9)); // restart; next cycle is 4 epochs
        assertThat(sgdr.rateAt(4)).isCloseTo(0.5, within(1e-9));
        assertThat(sgdr.rateAt(6)).isCloseTo(1.0, within(1e-9));
    }
}
