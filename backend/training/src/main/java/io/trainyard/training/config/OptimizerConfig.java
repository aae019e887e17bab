package io.trainyard.training.config;

/**
 * The optimizer.
 *
 * @param type {@code adamw} (default), {@code adam} or {@code sgd}
 * @param learningRate peak learning rate, default 0.001 (sgd: consider 0.01-0.1)
 * @param weightDecay default 0.01 for adamw (decoupled), 0 otherwise (L2 added to the gradient)
 * @param momentum sgd momentum, default 0.9
 * @param nesterov sgd Nesterov momentum, default false
 * @param beta1 adam(w) first-moment decay, default 0.9
 * @param beta2 adam(w) second-moment decay, default 0.999
 * @param gradientClipNorm clip each parameter's gradient to this L2 norm; 0 or absent = off
 */
public record OptimizerConfig(String type, Double learningRate, Double weightDecay, Double momentum,
        Boolean nesterov, Double beta1, Double beta2, Double gradientClipNorm) {

    public OptimizerConfig withDefaults() {
        String t = PreprocessingConfig.or(type, "adamw");
        return new OptimizerConfig(t, PreprocessingConfig.or(learningRate, 0.001),
                PreprocessingConfig.or(weightDecay, "adamw".equals(t) ? 0.01 : 0.0),
                PreprocessingConfig.or(momentum, 0.9), PreprocessingConfig.or(nesterov, false),
                PreprocessingConfig.or(beta1, 0.9), PreprocessingConfig.or(beta2, 0.999),
                PreprocessingConfig.or(gradientClipNorm, 0.0));
    }
}
