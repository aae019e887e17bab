package io.trainyard.server.launch;

import io.trainyard.client.model.JobState;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.queue.JobFinished;
import io.trainyard.server.queue.JobStarted;
import io.trainyard.server.tracking.RunTracking;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a run's status in step with its job, in the job transition's transaction: a job the executor never
 * reported on (cancelled while queued, failed by the rescuer after its last attempt) still ends its run.
 * What the executor already set (it marks its run succeeded before completing the job) is kept.
 */
@Component
class JobRunStatus {

    private final RunTracking tracking;

    JobRunStatus(RunTracking tracking) {
        this.tracking = tracking;
    }

    @EventListener
    void started(JobStarted event) {
        if (event.runId() != null) {
            tracking.platformStatus(event.runId(), RunStatus.RUNNING);
        }
    }

    @EventListener
    void finished(JobFinished event) {
        if (event.runId() != null) {
            tracking.platformStatus(event.runId(), status(event.outcome()));
        }
    }

    private static RunStatus status(JobState outcome) {
        return switch (outcome) {
            case SUCCEEDED -> RunStatus.SUCCEEDED;
            case CANCELLED -> RunStatus.CANCELLED;
            default -> RunStatus.FAILED;
        };
    }
}
