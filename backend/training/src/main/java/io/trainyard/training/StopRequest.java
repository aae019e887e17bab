package io.trainyard.training;

/** What {@link TrainingListener#stopRequest()} asks for; checked between batches. */
public enum StopRequest {
    /** Keep training. */
    NONE,
    /** Stop now and discard: {@link TrainingCancelledException}, no checkpoint, no bundle. */
    CANCEL,
    /**
     * Stop now to be resumed later (pre-emption, shutdown): the state at the end of the last completed epoch
     * is saved to the {@link CheckpointStore} and a result with {@link TrainingResult.Status#STOPPED} returned.
     */
    CHECKPOINT_AND_STOP
}
