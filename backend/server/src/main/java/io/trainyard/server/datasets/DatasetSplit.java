package io.trainyard.server.datasets;

/**
 * Which rows of a version are train (0), validation (1) and test (2), one byte a row in file order.
 * {@code fingerprint} (sha256 of the assignment) is what a run records to prove it used the same split.
 */
public record DatasetSplit(DatasetVersionRef version, SplitSpec spec, int train, int validation, int test,
                           String fingerprint, byte[] assignment) {
}
