package io.trainyard.training.config;

/**
 * Split fractions for {@link io.trainyard.training.data.StratifiedSplitter}; the seed also seeds the engine,
 * parameter initialisation, dropout and shuffling.
 *
 * @param validation default 0.15
 * @param test default 0.15
 * @param stratify default true for classification
 * @param seed default 42
 */
public record SplitConfig(Double validation, Double test, Boolean stratify, Long seed) {

    public SplitConfig withDefaults() {
        return new SplitConfig(PreprocessingConfig.or(validation, 0.15), PreprocessingConfig.or(test, 0.15),
                PreprocessingConfig.or(stratify, true), PreprocessingConfig.or(seed, 42L));
    }
}
