package io.trainyard.executor.training;

import tools.jackson.databind.JsonNode;

/**
 * A {@code training} job's spec, as the server's launch module writes it:
 * {@code {runId, project, dataset:{name, version}, config:{...}, split:{validation, test, stratifyColumn, seed}}}.
 *
 * @param configJson the training config as JSON text (parsed by the library's Gson reader)
 * @param stratifyColumn null: no stratification
 */
public record TrainingJobSpec(String runId, String project, String dataset, int version, String configJson,
                              double validation, double test, String stratifyColumn, long seed) {

    /** @param fallbackRunId the job's run when the spec has none */
    public static TrainingJobSpec parse(JsonNode spec, String fallbackRunId) {
        String runId = text(spec.path("runId"), fallbackRunId);
        if (runId == null) {
            throw new IllegalArgumentException("the spec has no runId");
        }
        JsonNode dataset = spec.path("dataset");
        String name = text(dataset.path("name"), null);
        if (name == null || !dataset.path("version").isNumber()) {
            throw new IllegalArgumentException("the spec needs dataset.name and dataset.version");
        }
        JsonNode config = spec.path("config");
        if (!config.isObject()) {
            throw new IllegalArgumentException("the spec has no training config");
        }
        JsonNode split = spec.path("split");
        return new TrainingJobSpec(runId, text(spec.path("project"), "default"), name, dataset.path("version").asInt(),
                config.toString(), split.path("validation").asDouble(0.15), split.path("test").asDouble(0.15),
                text(split.path("stratifyColumn"), null), split.path("seed").asLong(42));
    }

    private static String text(JsonNode node, String fallback) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : fallback;
    }
}
