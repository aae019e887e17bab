package io.trainyard.training;

import io.trainyard.training.metrics.ClassReport;
import io.trainyard.training.metrics.ConfusionMatrix;
import io.trainyard.training.metrics.SubgroupReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link TabularTrainer#train}.
 *
 * @param finalMetrics val_* at the restored best weights and test_* on the held-out split
 * @param history one entry per epoch, including epochs run before a resume
 * @param confusionMatrix test (else validation) confusion matrix; null for regression
 * @param perClass test (else validation) per-class report; empty for regression
 * @param subgroups per-group report when {@code evaluation.groupBy} is set, else null
 * @param device the devices used, e.g. {@code [cpu()]}
 * @param epochsRun epochs completed in total (history size)
 * @param epochsThisRun epochs executed by this call (less than epochsRun after a resume)
 * @param bestEpoch the epoch whose weights were kept
 * @param bundlePath the saved model bundle; null when stopped or no work dir was given
 * @param rowCounts {@code train}, {@code validation}, {@code test}, {@code droppedMissingTarget},
 *     {@code droppedDuplicates}, {@code droppedMissingFeatures}, {@code unknownCategoriesTest}
 */
public record TrainingResult(Status status, Map<String, Double> finalMetrics, List<EpochMetrics> history,
        ConfusionMatrix confusionMatrix, List<ClassReport> perClass, SubgroupReport subgroups, String device,
        Duration duration, int epochsRun, int epochsThisRun, int bestEpoch, Path bundlePath,
        Map<String, Long> rowCounts) {

    public enum Status {
        COMPLETED,
        EARLY_STOPPED,
        STOPPED
    }

    /** Mean training throughput (train rows per second of batch time) over the epochs of history. */
    public double throughputRowsPerSecond() {
        return history.stream().mapToDouble(EpochMetrics::rowsPerSecond).filter(d -> d > 0).average().orElse(0);
    }
}
