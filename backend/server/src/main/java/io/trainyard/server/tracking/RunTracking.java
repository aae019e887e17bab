package io.trainyard.server.tracking;

import io.trainyard.client.model.CreateRunRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.tracking.experiments.ExperimentRow;
import io.trainyard.server.tracking.experiments.ExperimentService;
import io.trainyard.server.tracking.runs.RunInputs;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may do with runs: create one that an executor will run, and follow its status. */
@Service
public class RunTracking {

    private final ExperimentService experiments;
    private final RunService runs;
    private final RunInputs inputs;

    RunTracking(ExperimentService experiments, RunService runs, RunInputs inputs) {
        this.experiments = experiments;
        this.runs = runs;
        this.inputs = inputs;
    }

    /**
     * A queued run in the named experiment (created when missing), with its params, tags and dataset inputs,
     * in the caller's transaction. Returns the run ID.
     */
    @Transactional
    public UUID createQueuedRun(String projectKey, String experimentName, String runName, Map<String, String> params,
                                Map<String, String> tags, List<CreateRunRequest.DatasetInput> datasetInputs) {
        ExperimentRow experiment;
        try {
            experiment = experiments.requireByName(projectKey, experimentName);
        } catch (ApiException.NotFound e) {
            experiment = experiments.create(projectKey, experimentName, null);
        }
        RunRow run = runs.create(Long.toString(experiment.id()), runName, RunStatus.QUEUED, null, params, tags, null);
        runs.addInputs(RunIds.format(run.id()), inputs.resolve(projectKey, datasetInputs));
        return run.id();
    }

    /** Moves a run to {@code status}; ending it sets its end time and publishes {@link RunFinished}. */
    @Transactional
    public void setStatus(UUID runId, RunStatus status) {
        runs.update(RunIds.format(runId), status, null, null, Map.of());
    }

    @Transactional(readOnly = true)
    public RunStatus status(UUID runId) {
        return runs.require(RunIds.format(runId), ProjectRole.VIEWER).status();
    }
}
