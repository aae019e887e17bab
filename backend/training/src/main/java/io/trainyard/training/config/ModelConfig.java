package io.trainyard.training.config;

import java.util.List;

/**
 * The model template.
 *
 * @param type {@code mlp} (default) or {@code linear} (logistic / linear regression)
 * @param hiddenLayers units per hidden layer, default [64, 32] (mlp only)
 * @param dropout dropout rate after each hidden activation, default 0.1
 * @param activation {@code relu} (default), {@code gelu} or {@code tanh}
 * @param batchNorm batch norm after each hidden linear layer, default false
 */
public record ModelConfig(String type, List<Integer> hiddenLayers, Double dropout, String activation,
        Boolean batchNorm) {

    public ModelConfig withDefaults() {
        return new ModelConfig(PreprocessingConfig.or(type, "mlp"),
                hiddenLayers == null ? List.of(64, 32) : List.copyOf(hiddenLayers),
                PreprocessingConfig.or(dropout, 0.1), PreprocessingConfig.or(activation, "relu"),
                PreprocessingConfig.or(batchNorm, false));
    }
}
