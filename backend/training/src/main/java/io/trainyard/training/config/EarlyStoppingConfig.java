package io.trainyard.training.config;

/**
 * Early stopping on a validation metric; the best epoch's weights are restored at the end.
 *
 * @param metric default {@code val_loss}; any reported {@code val_*} metric
 * @param mode {@code min}, {@code max} or {@code auto} (default: min for loss/rmse/mae, max otherwise)
 * @param patience epochs without improvement before stopping, default 10; 0 disables stopping (best weights
 *     are still restored)
 * @param minDelta smallest change that counts as an improvement, default 0
 */
public record EarlyStoppingConfig(String metric, String mode, Integer patience, Double minDelta) {

    public EarlyStoppingConfig withDefaults() {
        return new EarlyStoppingConfig(PreprocessingConfig.or(metric, "val_loss"), PreprocessingConfig.or(mode, "auto"),
                PreprocessingConfig.or(patience, 10), PreprocessingConfig.or(minDelta, 0.0));
    }

    /** True when larger values of the metric are better. */
    public boolean maximize() {
        if ("max".equals(mode)) {
            return true;
        }
        if ("min".equals(mode)) {
            return false;
        }
        return !(metric.endsWith("loss") || metric.endsWith("rmse") || metric.endsWith("mae"));
    }
}
