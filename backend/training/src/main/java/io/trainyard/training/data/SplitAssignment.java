package io.trainyard.training.data;

/**
 * Which rows (indexes into {@link TabularData#rows()}) go to which split. Provided by the caller (the server
 * has a deterministic stratified splitter) or by {@link StratifiedSplitter}. Validation and test may be empty.
 */
public record SplitAssignment(int[] train, int[] validation, int[] test) {
    public SplitAssignment {
        train = train.clone();
        validation = validation == null ? new int[0] : validation.clone();
        test = test == null ? new int[0] : test.clone();
    }
}
