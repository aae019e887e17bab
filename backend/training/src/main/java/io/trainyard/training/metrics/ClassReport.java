package io.trainyard.training.metrics;

/** Per-class precision/recall/F1 (0 when undefined) and support (actual rows of the class). */
public record ClassReport(String label, double precision, double recall, double f1, long support) {
}
