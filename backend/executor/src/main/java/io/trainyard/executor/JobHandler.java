package io.trainyard.executor;

/**
 * Runs jobs of one kind. Register an implementation in
 * {@code META-INF/services/io.trainyard.executor.JobHandler}. Returning normally means the job succeeded;
 * throwing means this attempt failed (the server retries while attempts remain). A handler should look at
 * {@link JobContext#isCancelRequested()} and {@link JobContext#isStopRequested()} between steps: on stop it
 * saves a checkpoint and throws {@link JobStoppedException}, so the job goes back to the queue.
 */
public interface JobHandler {

    /** The job kind this handler runs, e.g. {@code diagnostic}, {@code training}. */
    String kind();

    void run(JobContext context) throws Exception;
}
