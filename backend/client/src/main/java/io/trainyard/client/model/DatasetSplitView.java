package io.trainyard.client.model;

/**
 * The server's deterministic train/validation/test split of one dataset version
 * ({@code GET .../versions/{version}/split}).
 *
 * @param fingerprint sha256 naming the split (dataset bytes, fractions, stratify column, seed)
 * @param train       rows in the train split
 * @param validation  rows in the validation split
 * @param test        rows in the test split
 * @param assignment  base64, one byte per data row in file order: 0 train, 1 validation, 2 test
 */
public record DatasetSplitView(String fingerprint, Integer train, Integer validation, Integer test,
                               String assignment) {
}
