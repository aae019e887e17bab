package io.trainyard.executor;

import io.trainyard.client.TrainyardClient;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What a running job sees of its executor. Thread-safe. */
public interface JobContext {

    long jobId();

    /** The tracking run this job executes, or null. */
    UUID runId();

    /** 1 for the first attempt; a retried or rescued job runs with a higher number (resume from a checkpoint). */
    int attempt();

    JsonNode spec();

    /** Reported with the next heartbeat: {@code fraction} 0 to 1, {@code message} short free text. */
    void progress(double fraction, String message);

    /** Someone cancelled the job: stop soon and return or throw; it ends as cancelled. */
    boolean isCancelRequested();

    /** The executor is shutting down (SIGTERM): checkpoint, then throw {@link JobStoppedException}. */
    boolean isStopRequested();

    /** The lease was lost (rescued after missed heartbeats): nothing this attempt does will count any more. */
    boolean isLeaseLost();

    /** The server, as the executor's credential, for later calls (metrics, artifacts). */
    TrainyardClient client();

    /** The executor's name (a pod or host name), as shown on the queue page. */
    default String executorName() {
        return "executor";
    }

    /** What the executor runs on (detected lazily with DJL). */
    DeviceInfo devices();
}
