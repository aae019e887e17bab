package io.trainyard.training.config;

/**
 * The learning-rate schedule, evaluated per batch on a fractional epoch.
 *
 * @param type {@code constant} (default), {@code step}, {@code cosine} or {@code cosine-restarts}
 * @param warmupEpochs linear warm-up from 0 to the learning rate, default 0 (all types)
 * @param stepEpochs {@code step}: multiply by {@code gamma} every this many epochs, default 10
 * @param gamma {@code step} factor, default 0.1
 * @param restartEpochs {@code cosine-restarts}: length of the first cycle in epochs, default 10
 * @param restartMultiplier {@code cosine-restarts}: each cycle is this many times longer, default 1
 * @param minLearningRate floor of the cosine schedules, default 0
 */
public record ScheduleConfig(String type, Integer warmupEpochs, Integer stepEpochs, Double gamma,
        Integer restartEpochs, Integer restartMultiplier, Double minLearningRate) {

    public ScheduleConfig withDefaults() {
        return new ScheduleConfig(PreprocessingConfig.or(type, "constant"), PreprocessingConfig.or(warmupEpochs, 0),
                PreprocessingConfig.or(stepEpochs, 10), PreprocessingConfig.or(gamma, 0.1),
                PreprocessingConfig.or(restartEpochs, 10), PreprocessingConfig.or(restartMultiplier, 1),
                PreprocessingConfig.or(minLearningRate, 0.0));
    }
}
