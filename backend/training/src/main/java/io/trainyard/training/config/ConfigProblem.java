package io.trainyard.training.config;

/** One validation failure, naming the config field (JSON path style, e.g. {@code features[2]}). */
public record ConfigProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
