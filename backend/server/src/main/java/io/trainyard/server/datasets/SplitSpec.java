package io.trainyard.server.datasets;

/**
 * How to split a dataset version for training.
 *
 * @param validation     share of rows for validation
 * @param test           share of rows for the held-out test
 * @param stratifyColumn keep this column's class shares equal in every part; null not to stratify
 * @param seed           the shuffle's seed
 */
public record SplitSpec(double validation, double test, String stratifyColumn, long seed) {
}
