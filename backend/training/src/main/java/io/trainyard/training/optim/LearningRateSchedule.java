package io.trainyard.training.optim;

import ai.djl.training.tracker.Tracker;
import io.trainyard.training.config.ScheduleConfig;

/**
 * Learning rate as a function of the (fractional) epoch, {@code e = updates / stepsPerEpoch}. A linear warm-up
 * from ~0 to the base rate over {@code warmupEpochs} applies to every type; after it:
 * <ul>
 *   <li>{@code constant}: the base rate</li>
 *   <li>{@code step}: base * gamma^floor((e - warmup) / stepEpochs)</li>
 *   <li>{@code cosine}: min + (base - min) * (1 + cos(pi * (e - warmup) / (epochs - warmup))) / 2</li>
 *   <li>{@code cosine-restarts} (SGDR, Loshchilov and Hutter): the cosine over cycles of
 *       {@code restartEpochs}, each {@code restartMultiplier} times longer than the last, restarting at base</li>
 * </ul>
 * DJL's trackers have no warm restarts and count updates per parameter; this one is a pure function of the
 * global update count, which the optimizer checkpoints, so a resumed run gets the same rates.
 */
public final class LearningRateSchedule implements Tracker {
    private final ScheduleConfig config;
    private final double base;
    private final int epochs;
    private final int stepsPerEpoch;

    public LearningRateSchedule(ScheduleConfig config, double base, int epochs, int stepsPerEpoch) {
        this.config = config.withDefaults();
        this.base = base;
        this.epochs = epochs;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) rateAt((double) numUpdate / stepsPerEpoch);
    }

    /** The rate at fractional epoch {@code e} (0 = start of training). */
    public double rateAt(double e) {
        int warmup = config.warmupEpochs();
        if (warmup > 0 && e < warmup) {
            return base * (e + 1.0 / stepsPerEpoch) / (warmup + 1.0 / stepsPerEpoch);
        }
        double t = e - warmup;
        double min = config.minLearningRate();
        return switch (config.type()) {
            case "step" -> base * Math.pow(config.gamma(), Math.floor(t / config.stepEpochs()));
            case "cosine" -> {
                double span = Math.max(1e-9, epochs - warmup);
                yield min + (base - min) * (1 + Math.cos(Math.PI * Math.min(1, t / span))) / 2;
            }
            case "cosine-restarts" -> {
                double cycle = config.restartEpochs();
                while (t >= cycle) {
                    t -= cycle;
                    cycle *= config.restartMultiplier();
                }
                yield min + (base - min) * (1 + Math.cos(Math.PI * t / cycle)) / 2;
            }
            default -> base;
        };
    }
}
