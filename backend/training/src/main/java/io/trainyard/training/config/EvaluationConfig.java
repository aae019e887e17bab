package io.trainyard.training.config;

/**
 * Extra evaluation.
 *
 * @param groupBy a column (feature or not) for per-group test metrics and the largest gap between groups
 * @param minGroupSize groups with fewer test rows are reported but left out of the gap, default 5
 */
public record EvaluationConfig(String groupBy, Integer minGroupSize) {

    public EvaluationConfig withDefaults() {
        return new EvaluationConfig(groupBy, PreprocessingConfig.or(minGroupSize, 5));
    }
}
