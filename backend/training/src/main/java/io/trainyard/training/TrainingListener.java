package io.trainyard.training;

/**
 * Progress, metrics and logs from the training thread, and the stop check. Implementations must return quickly
 * and never block (hand the values to a queue); they are called on the training thread.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** After each epoch: {@code epoch} of {@code totalEpochs} done (1-based). */
    default void onProgress(int epoch, int totalEpochs) {
    }

    /** One metric point; {@code step} is the epoch (1-based); test metrics use the last epoch run. */
    default void onMetric(String key, double value, int step) {
    }

    default void onLog(String line) {
    }

    /** Polled between batches. */
    default StopRequest stopRequest() {
        return StopRequest.NONE;
    }
}
