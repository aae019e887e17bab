package io.trainyard.training;

/** Training was cancelled through {@link StopRequest#CANCEL}. */
public class TrainingCancelledException extends RuntimeException {
    private final int epochsCompleted;

    public TrainingCancelledException(int epochsCompleted) {
        super("training cancelled after " + epochsCompleted + " completed epoch(s)");
        this.epochsCompleted = epochsCompleted;
    }

    public int epochsCompleted() {
        return epochsCompleted;
    }
}
