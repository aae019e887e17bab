package io.trainyard.server.launch.pages;

import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.training.config.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The training form's fields and their mapping to and from the config JSON: every input is named after its
 * config path ({@code config.optimizer.learningRate}), so a problem from {@code TrainingLauncher.check} lands
 * next to its field. A blank input means the default; fields the form does not show survive a clone through
 * the hidden {@code base} config.
 */
public final class TrainingForm {

    public enum Kind { TEXT, INT, LONG, DOUBLE, BOOL, INT_LIST }

    /** One hyperparameter input: a select when it has options. */
    public record Field(String name, String label, Kind kind, List<String> options, String help) {

        public boolean getNumeric() {
            return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE;
        }

        String path() {
            return name.substring("config.".length());
        }
    }

    public record Section(String title, List<Field> fields) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("Model template", List.of(
                    new Field("config.model.type", "Template", Kind.TEXT, sorted(TrainingConfig.TEMPLATES),
                            "mlp: a multilayer perceptron; linear: logistic or linear regression."),
                    new Field("config.model.hiddenLayers", "Hidden layers", Kind.INT_LIST, List.of(),
                            "Units per hidden layer, comma-separated (mlp only). Default 64,32."),
                    new Field("config.model.activation", "Activation", Kind.TEXT, sorted(TrainingConfig.ACTIVATIONS),
                            "After each hidden layer. Default relu."),
                    new Field("config.model.dropout", "Dropout", Kind.DOUBLE, List.of(),
                            "Rate after each hidden activation, in [0, 1). Default 0.1."),
                    new Field("config.model.batchNorm", "Batch norm", Kind.BOOL, List.of("false", "true"),
                            "Batch normalization after each hidden linear layer."))),
            new Section("Optimizer and schedule", List.of(
                    new Field("config.optimizer.type", "Optimizer", Kind.TEXT, sorted(TrainingConfig.OPTIMIZERS),
                            "Default adamw (decoupled weight decay)."),
                    new Field("config.optimizer.learningRate", "Learning rate", Kind.DOUBLE, List.of(),
                            "Peak learning rate, > 0. Default 0.001 (sgd: try 0.01-0.1)."),
                    new Field("config.optimizer.weightDecay", "Weight decay", Kind.DOUBLE, List.of(),
                            "Blank: 0.01 for adamw, 0 otherwise."),
                    new Field("config.optimizer.momentum", "Momentum", Kind.DOUBLE, List.of(),
                            "sgd only, in [0, 1). Default 0.9."),
                    new Field("config.schedule.type", "LR schedule", Kind.TEXT, sorted(TrainingConfig.SCHEDULES),
                            "Default constant."),
                    new Field("config.schedule.warmupEpochs", "Warm-up epochs", Kind.INT, List.of(),
                            "Linear warm-up from 0. Default 0."))),
            new Section("Training loop", List.of(
                    new Field("config.epochs", "Epochs", Kind.INT, List.of(), "Default 50."),
                    new Field("config.batchSize", "Batch size", Kind.INT, List.of(),
                            "Default 64; at most the train split's rows."),
                    new Field("config.earlyStopping.metric", "Early stopping metric", Kind.TEXT, List.of(),
                            "A validation metric (val_*). Default val_loss."),
                    new Field("config.earlyStopping.patience", "Patience", Kind.INT, List.of(),
                            "Epochs without improvement before stopping; 0 never stops. Default 10."),
                    new Field("config.classWeights", "Class weights", Kind.TEXT, List.of("none", "balanced"),
                            "balanced weighs rare classes up (classification only)."),
                    new Field("config.preprocessing.numeric", "Numeric scaling", Kind.TEXT,
                            List.of("standardize", "minmax", "none"), "Default standardize."),
                    new Field("config.preprocessing.missing", "Missing values", Kind.TEXT, List.of("impute", "drop"),
                            "impute (median / most frequent) or drop the row."),
                    new Field("config.device", "Device", Kind.TEXT, List.of("auto", "cpu", "gpu"),
                            "auto: every GPU the executor has, else CPU."))),
            new Section("Split", List.of(
                    new Field("config.split.validation", "Validation fraction", Kind.DOUBLE, List.of(),
                            "Default 0.15."),
                    new Field("config.split.test", "Test fraction", Kind.DOUBLE, List.of(),
                            "Default 0.15; validation + test < 1."),
                    new Field("config.split.seed", "Seed", Kind.LONG, List.of(),
                            "Seeds the split, initialisation and shuffling. Default 42."))));

    /** Inputs outside {@link #SECTIONS} that problems can name; the rest are shown at the top. */
    static final Set<String> OTHER_SLOTS = Set.of("experiment", "name", "dataset", "config", "config.task",
            "config.target", "config.features", "config.split", "config.evaluation.groupBy", "resources.gpus",
            "priority");

    private TrainingForm() {
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    static List<Field> fields() {
        return SECTIONS.stream().flatMap(s -> s.fields().stream()).toList();
    }

    /** Where a problem is shown: {@code config.features[1]} next to the features, unknown ones at the top. */
    static String slot(String field) {
        String slot = field == null ? "general" : field.replaceAll("\\[\\d+]", "");
        if (slot.startsWith("dataset")) {
            return "dataset";
        }
        if (OTHER_SLOTS.contains(slot) || fields().stream().anyMatch(f -> f.name().equals(slot))) {
            return slot;
        }
        return "general";
    }

    /** The problems by slot, messages joined. */
    static Map<String, String> errors(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem p : problems) {
            String message = slot(p.field()).equals("general") ? p.field() + " " + p.message() : p.message();
            errors.merge(slot(p.field()), message, (a, b) -> a + "; " + b);
        }
        return errors;
    }

    /** The form's values (input name to text) and checked features from a config (defaults or a clone's). */
    static Map<String, String> values(JsonNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("config.task", text(config.path("task")));
        values.put("config.target", text(config.path("target")));
        values.put("config.evaluation.groupBy", text(config.path("evaluation").path("groupBy")));
        for (Field field : fields()) {
            JsonNode node = config;
            for (String part : field.path().split("\\.")) {
                node = node.path(part);
            }
            values.put(field.name(), text(node));
        }
        return values;
    }

    static Set<String> features(JsonNode config) {
        Set<String> features = new LinkedHashSet<>();
        config.path("features").forEach(f -> features.add(f.asString()));
        return features;
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.asString()));
            return String.join(",", parts);
        }
        return node.asString();
    }

    /** The submitted config: the hidden base with every shown input applied; unparsable inputs are problems. */
    static ObjectNode config(MultiValueMap<String, String> form, JsonMapper json, List<FieldProblem> problems) {
        ObjectNode config = json.createObjectNode();
        String base = form.getFirst("base");
        if (base != null && !base.isBlank()) {
            try {
                JsonNode parsed = json.readTree(base);
                if (parsed.isObject()) {
                    config = (ObjectNode) parsed;
                }
            } catch (RuntimeException e) {
                // a tampered base: start from the defaults
            }
        }
        set(config, "task", str(json, blankToNull(form.getFirst("config.task"))));
        set(config, "target", str(json, blankToNull(form.getFirst("config.target"))));
        ArrayNode features = json.createArrayNode();
        List<String> checked = form.get("config.features");
        if (checked != null) {
            checked.stream().filter(f -> !f.isBlank()).forEach(features::add);
        }
        config.set("features", features);
        set(config, "evaluation.groupBy", str(json, blankToNull(form.getFirst("config.evaluation.groupBy"))));
        for (Field field : fields()) {
            String raw = form.getFirst(field.name());
            String value = raw == null ? null : raw.strip();
            if (value == null || value.isEmpty()) {
                set(config, field.path(), null);
                continue;
            }
            try {
                set(config, field.path(), switch (field.kind()) {
                    case TEXT -> json.getNodeFactory().stringNode(value);
                    case INT -> json.getNodeFactory().numberNode(Integer.parseInt(value));
                    case LONG -> json.getNodeFactory().numberNode(Long.parseLong(value));
                    case DOUBLE -> json.getNodeFactory().numberNode(Double.parseDouble(value));
                    case BOOL -> json.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
                    case INT_LIST -> {
                        ArrayNode units = json.createArrayNode();
                        for (String part : value.split("[,\\s]+")) {
                            if (!part.isEmpty()) {
                                units.add(Integer.parseInt(part));
                            }
                        }
                        yield units;
                    }
                });
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(field.name(), field.kind() == Kind.INT_LIST
                        ? "must be whole numbers separated by commas, was '" + value + "'"
                        : "must be a " + (field.kind() == Kind.DOUBLE ? "number" : "whole number")
                        + ", was '" + value + "'"));
                set(config, field.path(), null);
            }
        }
        return config;
    }

    static Integer integer(MultiValueMap<String, String> form, String name, List<FieldProblem> problems) {
        String value = blankToNull(form.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(name, "must be a whole number, was '" + value + "'"));
            return null;
        }
    }

    private static JsonNode str(JsonMapper json, String value) {
        return value == null ? null : json.getNodeFactory().stringNode(value);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Sets (or with null removes) a dotted path, creating the objects on the way. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                if (value == null) {
                    return;
                }
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        if (value == null || value.isNull()) {
            node.remove(parts[parts.length - 1]);
        } else {
            node.set(parts[parts.length - 1], value);
        }
    }
}
