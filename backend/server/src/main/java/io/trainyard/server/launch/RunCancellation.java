package io.trainyard.server.launch;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.RunTracking;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a run: a queued job is cancelled at once (and so is its run); a running one is asked to stop at its
 * next heartbeat and ends cancelled when the executor says so. A run with no job just ends cancelled.
 */
@Service
public class RunCancellation {

    private final RunTracking tracking;
    private final JobQueue queue;

    RunCancellation(RunTracking tracking, JobQueue queue) {
        this.tracking = tracking;
        this.queue = queue;
    }

    @Transactional
    public Run cancel(String runId) {
        Run run = tracking.get(runId, ProjectRole.EDITOR);
        if (run.status().terminal()) {
            return run;
        }
        if (run.jobId() != null) {
            queue.cancel(new JobId(run.jobId()), CurrentUser.require().getUsername(), "run cancelled");
        } else {
            tracking.platformStatus(RunIds.parse(runId), RunStatus.CANCELLED);
        }
        return tracking.get(runId, ProjectRole.VIEWER);
    }
}
