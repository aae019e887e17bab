package io.trainyard.client.model;

/**
 * A deterministic split of a dataset version: {@code assignment} is base64 of one byte per data row in file
 * order (0 train, 1 validation, 2 test); {@code fingerprint} is the sha256 of those bytes.
 */
public record DatasetSplitView(String fingerprint, Integer train, Integer validation, Integer test,
                               String assignment) {
}
