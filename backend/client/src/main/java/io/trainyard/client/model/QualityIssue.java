package io.trainyard.client.model;

/**
 * One finding of the data quality report.
 *
 * @param severity how much it matters
 * @param code     {@code missing_values}, {@code duplicate_rows}, {@code constant_column},
 *                 {@code type_violations}, {@code high_cardinality}, {@code outliers} or
 *                 {@code class_imbalance}
 * @param column   the column it is about; null for the whole file (duplicate rows)
 * @param message  what a person should know, in a sentence
 * @param count    how many values or rows it concerns
 */
public record QualityIssue(Severity severity, String code, String column, String message, long count) {
}
