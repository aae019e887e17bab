package io.trainyard.server.tracking;

import io.trainyard.client.model.CreateRunRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.tracking.artifacts.ArtifactService;
import io.trainyard.server.tracking.experiments.ExperimentRow;
import io.trainyard.server.tracking.experiments.ExperimentService;
import io.trainyard.server.tracking.runs.RunInputs;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may do with runs: create one that an executor will run, and follow its status. */
@Service
public class RunTracking {

    private final ExperimentService experiments;
    private final RunService runs;
    private final RunInputs inputs;
    private final ArtifactService artifacts;

    RunTracking(ExperimentService experiments, RunService runs, RunInputs inputs, ArtifactService artifacts) {
        this.experiments = experiments;
        this.runs = runs;
        this.inputs = inputs;
        this.artifacts = artifacts;
    }

    /**
     * A queued run with this ID in the named experiment (created when missing), with its params, tags and
     * dataset inputs, in the caller's transaction. The caller needs the editor role in the project.
     */
    @Transactional
    public Run createQueuedRun(UUID runId, String projectKey, String experimentName, String runName,
                               Map<String, String> params, Map<String, String> tags,
                               List<CreateRunRequest.DatasetInput> datasetInputs) {
        // a thrown "not found" would mark the caller's transaction rollback-only: look, don't catch
        ExperimentRow experiment = experiments.findByName(projectKey, experimentName)
                .orElseGet(() -> experiments.create(projectKey, experimentName, null));
        if (!experiment.active()) {
            throw new ApiException.BadRequest("experiment", "experiment '" + experimentName + "' is deleted");
        }
        RunRow run = runs.create(runId, Long.toString(experiment.id()), runName, RunStatus.QUEUED, null, params,
                tags, null);
        runs.addInputs(RunIds.format(run.id()), inputs.resolve(projectKey, datasetInputs));
        return runs.view(run);
    }

    /** Records the job that executes the run. */
    @Transactional
    public void linkJob(UUID runId, long jobId) {
        runs.linkJob(runId, jobId);
    }

    /** A platform-made status change (job started, ended, cancelled); see {@link RunService#platformStatus}. */
    @Transactional
    public void platformStatus(UUID runId, RunStatus status) {
        runs.platformStatus(runId, status);
    }

    /** The name of an experiment the caller may see. */
    @Transactional(readOnly = true)
    public String experimentName(String experimentId) {
        return experiments.require(experimentId, ProjectRole.VIEWER).name();
    }

    /** The run as the caller may see it. */
    @Transactional(readOnly = true)
    public Run get(String runId, ProjectRole role) {
        return runs.view(runs.require(runId, role));
    }

    /** The artifact stored under {@code path} with a run the caller may read, if there is one. */
    @Transactional(readOnly = true)
    public Optional<RunArtifact> artifact(String runId, String path) {
        return artifacts.find(runId, path);
    }

    /** An artifact's content; the caller closes it. */
    public InputStream openArtifact(RunArtifact artifact) {
        return artifacts.open(artifact);
    }
}
