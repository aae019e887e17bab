package io.trainyard.training.config;

import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A training run's configuration, as in the JSON of the API (field names match). Absent (null) fields take
 * the defaults of {@link #withDefaults()}; only {@code task}, {@code target} and {@code features} are
 * required. JSON parsing is the caller's business (the server uses Jackson; {@link TrainingConfigJson} uses
 * Gson).
 *
 * @param task {@code classification} or {@code regression}
 * @param classWeights {@code none} (default) or {@code balanced} (n / (k * n_class), from the train split)
 * @param epochs default 50
 * @param batchSize default 64
 * @param device {@code auto} (default: every GPU the engine sees, else CPU), {@code cpu}, {@code gpu} (all)
 *     or {@code gpu:N}
 * @param checkpointEveryEpochs save a checkpoint every N epochs, default 1
 */
public record TrainingConfig(String task, String target, List<String> features, PreprocessingConfig preprocessing,
        ModelConfig model, OptimizerConfig optimizer, ScheduleConfig schedule, Integer epochs, Integer batchSize,
        EarlyStoppingConfig earlyStopping, SplitConfig split, String device, Integer checkpointEveryEpochs,
        String classWeights, EvaluationConfig evaluation) {

    public static final Set<String> TASKS = Set.of("classification", "regression");
    public static final Set<String> TEMPLATES = Set.of("mlp", "linear");
    public static final Set<String> OPTIMIZERS = Set.of("sgd", "adam", "adamw");
    public static final Set<String> SCHEDULES = Set.of("constant", "step", "cosine", "cosine-restarts");
    public static final Set<String> ACTIVATIONS = Set.of("relu", "gelu", "tanh");

    /** A minimal config: everything else at its default. */
    public static TrainingConfig of(String task, String target, List<String> features) {
        return new TrainingConfig(task, target, features, null, null, null, null, null, null, null, null, null, null,
                null, null).withDefaults();
    }

    public boolean isClassification() {
        return "classification".equals(task);
    }

    /** This config with every absent field at its default (idempotent). */
    public TrainingConfig withDefaults() {
        return new TrainingConfig(task, target, features == null ? List.of() : List.copyOf(features),
                (preprocessing == null ? new PreprocessingConfig(null, null, null, null, null, null, null, null)
                        : preprocessing).withDefaults(),
                (model == null ? new ModelConfig(null, null, null, null, null) : model).withDefaults(),
                (optimizer == null ? new OptimizerConfig(null, null, null, null, null, null, null, null) : optimizer)
                        .withDefaults(),
                (schedule == null ? new ScheduleConfig(null, null, null, null, null, null, null) : schedule)
                        .withDefaults(),
                PreprocessingConfig.or(epochs, 50), PreprocessingConfig.or(batchSize, 64),
                (earlyStopping == null ? new EarlyStoppingConfig(null, null, null, null) : earlyStopping)
                        .withDefaults(),
                (split == null ? new SplitConfig(null, null, null, null) : split).withDefaults(),
                PreprocessingConfig.or(device, "auto"), PreprocessingConfig.or(checkpointEveryEpochs, 1),
                PreprocessingConfig.or(classWeights, "none"),
                (evaluation == null ? new EvaluationConfig(null, null) : evaluation).withDefaults());
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, schedule, n, batchSize,
                earlyStopping, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withModel(ModelConfig m) {
        return new TrainingConfig(task, target, features, preprocessing, m, optimizer, schedule, epochs, batchSize,
                earlyStopping, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withOptimizer(OptimizerConfig o) {
        return new TrainingConfig(task, target, features, preprocessing, model, o, schedule, epochs, batchSize,
                earlyStopping, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withSchedule(ScheduleConfig s) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, s, epochs, batchSize,
                earlyStopping, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withEarlyStopping(EarlyStoppingConfig e) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, schedule, epochs,
                batchSize, e, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, schedule, epochs, b,
                earlyStopping, split, device, checkpointEveryEpochs, classWeights, evaluation);
    }

    public TrainingConfig withEvaluation(EvaluationConfig e) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, schedule, epochs,
                batchSize, earlyStopping, split, device, checkpointEveryEpochs, classWeights, e);
    }

    public TrainingConfig withDevice(String d) {
        return new TrainingConfig(task, target, features, preprocessing, model, optimizer, schedule, epochs,
                batchSize, earlyStopping, split, d, checkpointEveryEpochs, classWeights, evaluation);
    }

    /**
     * Checks this config (defaults applied first) against a dataset schema/profile. The batch-size check uses
     * the train rows implied by {@code split} and {@link Schema#rowCount()} (skipped when the count is 0).
     *
     * @return every problem found, each naming its field; empty when the config is usable
     */
    public List<ConfigProblem> validate(Schema schema) {
        TrainingConfig c = withDefaults();
        List<ConfigProblem> p = new ArrayList<>();
        if (c.task == null || !TASKS.contains(c.task)) {
            p.add(new ConfigProblem("task", "must be one of " + sorted(TASKS) + ", was " + c.task));
        }
        Optional<Column> targetColumn = c.target == null ? Optional.empty() : schema.column(c.target);
        if (c.target == null || c.target.isBlank()) {
            p.add(new ConfigProblem("target", "is required"));
        } else if (targetColumn.isEmpty()) {
            p.add(new ConfigProblem("target", "column '" + c.target + "' is not in the dataset"));
        } else {
            Column t = targetColumn.get();
            if ("regression".equals(c.task) && t.type() == ColumnType.CATEGORICAL) {
                p.add(new ConfigProblem("target", "regression needs a numeric target; '" + t.name()
                        + "' is categorical"));
            }
            if ("classification".equals(c.task) && t.distinctCount() != null && t.distinctCount() < 2) {
                p.add(new ConfigProblem("target", "classification needs at least 2 classes; '" + t.name()
                        + "' has " + t.distinctCount()));
            }
        }
        if (c.features.isEmpty()) {
            p.add(new ConfigProblem("features", "at least one feature is required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.features.size(); i++) {
            String f = c.features.get(i);
            String field = "features[" + i + "]";
            if (f == null || schema.column(f).isEmpty()) {
                p.add(new ConfigProblem(field, "column '" + f + "' is not in the dataset"));
            } else if (f.equals(c.target)) {
                p.add(new ConfigProblem(field, "'" + f + "' is the target and cannot be a feature"));
            } else if (!seen.add(f)) {
                p.add(new ConfigProblem(field, "'" + f + "' is listed twice"));
            }
        }
        checkOneOf(p, "preprocessing.numeric", c.preprocessing.numeric(), Set.of("standardize", "minmax", "none"));
        checkOneOf(p, "preprocessing.categorical", c.preprocessing.categorical(), Set.of("one-hot"));
        checkOneOf(p, "preprocessing.missing", c.preprocessing.missing(), Set.of("impute", "drop"));
        checkOneOf(p, "preprocessing.numericImpute", c.preprocessing.numericImpute(),
                Set.of("median", "mean", "constant"));
        checkOneOf(p, "preprocessing.categoricalImpute", c.preprocessing.categoricalImpute(),
                Set.of("most_frequent", "constant"));
        checkOneOf(p, "model.type", c.model.type(), TEMPLATES);
        checkOneOf(p, "model.activation", c.model.activation(), ACTIVATIONS);
        for (int i = 0; i < c.model.hiddenLayers().size(); i++) {
            Integer units = c.model.hiddenLayers().get(i);
            if (units == null || units <= 0) {
                p.add(new ConfigProblem("model.hiddenLayers[" + i + "]", "must be > 0, was " + units));
            }
        }
        if (c.model.dropout() < 0 || c.model.dropout() >= 1) {
            p.add(new ConfigProblem("model.dropout", "must be in [0, 1), was " + c.model.dropout()));
        }
        checkOneOf(p, "optimizer.type", c.optimizer.type(), OPTIMIZERS);
        if (!(c.optimizer.learningRate() > 0)) {
            p.add(new ConfigProblem("optimizer.learningRate", "must be > 0, was " + c.optimizer.learningRate()));
        }
        if (c.optimizer.weightDecay() < 0) {
            p.add(new ConfigProblem("optimizer.weightDecay", "must be >= 0, was " + c.optimizer.weightDecay()));
        }
        if (c.optimizer.momentum() < 0 || c.optimizer.momentum() >= 1) {
            p.add(new ConfigProblem("optimizer.momentum", "must be in [0, 1), was " + c.optimizer.momentum()));
        }
        if (c.optimizer.gradientClipNorm() < 0) {
            p.add(new ConfigProblem("optimizer.gradientClipNorm", "must be >= 0"));
        }
        checkOneOf(p, "schedule.type", c.schedule.type(), SCHEDULES);
        if (c.schedule.warmupEpochs() < 0) {
            p.add(new ConfigProblem("schedule.warmupEpochs", "must be >= 0"));
        }
        if (c.schedule.stepEpochs() <= 0) {
            p.add(new ConfigProblem("schedule.stepEpochs", "must be > 0"));
        }
        if (c.schedule.restartEpochs() <= 0) {
            p.add(new ConfigProblem("schedule.restartEpochs", "must be > 0"));
        }
        if (c.schedule.restartMultiplier() < 1) {
            p.add(new ConfigProblem("schedule.restartMultiplier", "must be >= 1"));
        }
        if (c.epochs <= 0) {
            p.add(new ConfigProblem("epochs", "must be > 0, was " + c.epochs));
        }
        if (c.batchSize <= 0) {
            p.add(new ConfigProblem("batchSize", "must be > 0, was " + c.batchSize));
        }
        double v = c.split.validation();
        double t = c.split.test();
        if (v < 0 || t < 0 || v + t >= 1) {
            p.add(new ConfigProblem("split", "validation and test must be >= 0 and sum to < 1"));
        } else if (schema.rowCount() > 0 && c.batchSize > 0) {
            long train = (long) Math.floor(schema.rowCount() * (1 - v - t));
            if (c.batchSize > train) {
                p.add(new ConfigProblem("batchSize", "batch size " + c.batchSize + " is larger than the train split ("
                        + train + " rows)"));
            }
        }
        if (c.checkpointEveryEpochs <= 0) {
            p.add(new ConfigProblem("checkpointEveryEpochs", "must be > 0"));
        }
        checkOneOf(p, "classWeights", c.classWeights, Set.of("none", "balanced"));
        if ("balanced".equals(c.classWeights) && "regression".equals(c.task)) {
            p.add(new ConfigProblem("classWeights", "only applies to classification"));
        }
        if (c.earlyStopping.patience() < 0) {
            p.add(new ConfigProblem("earlyStopping.patience", "must be >= 0"));
        }
        checkOneOf(p, "earlyStopping.mode", c.earlyStopping.mode(), Set.of("auto", "min", "max"));
        if (!c.earlyStopping.metric().startsWith("val_")) {
            p.add(new ConfigProblem("earlyStopping.metric", "must be a validation metric (val_*), was "
                    + c.earlyStopping.metric()));
        }
        if (c.device != null && !c.device.matches("auto|cpu|gpu|gpu:\\d+")) {
            p.add(new ConfigProblem("device", "must be auto, cpu, gpu or gpu:N, was " + c.device));
        }
        if (c.evaluation.groupBy() != null && schema.column(c.evaluation.groupBy()).isEmpty()) {
            p.add(new ConfigProblem("evaluation.groupBy", "column '" + c.evaluation.groupBy()
                    + "' is not in the dataset"));
        }
        return p;
    }

    private static void checkOneOf(List<ConfigProblem> p, String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            p.add(new ConfigProblem(field, "unknown value '" + value + "', expected one of " + sorted(allowed)));
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
