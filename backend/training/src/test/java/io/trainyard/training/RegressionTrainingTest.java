package io.trainyard.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.training.config.OptimizerConfig;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.StratifiedSplitter;
import io.trainyard.training.data.TabularData;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionTrainingTest {

    @Test
    void mlpReachesTheNoiseCeiling() {
        TabularData data = TestData.regression(3000, 7);
        TrainingConfig config = TrainingConfig.of("regression", "y", List.of("x1", "x2", "x3", "group"))
                .withEpochs(25).withBatchSize(128)
                .withOptimizer(new OptimizerConfig("adamw", 0.005, null, null, null, null, null, null));
        SplitAssignment split = StratifiedSplitter.split(data, "y", 0.15, 0.15, false, 42);

        TrainingResult result = TabularTrainer.train(config, data, split, TrainingListener.NONE,
                CheckpointStore.NONE, null);

        double ceiling = TestData.regressionCeiling();
        double r2 = result.finalMetrics().get("test_r2");
        System.out.printf("regression: test_r2=%.4f ceiling=%.4f test_rmse=%.4f (noise sd %.1f) epochs=%d "
                + "rows/s=%.0f duration=%s%n", r2, ceiling, result.finalMetrics().get("test_rmse"),
                TestData.NOISE_SD, result.epochsRun(), result.throughputRowsPerSecond(), result.duration());
        assertThat(r2).isBetween(ceiling - 0.05, ceiling + 0.05);
        assertThat(result.finalMetrics()).containsKeys("val_rmse", "val_mae", "val_r2", "test_rmse", "test_mae");
        assertThat(result.confusionMatrix()).isNull();
    }
}
