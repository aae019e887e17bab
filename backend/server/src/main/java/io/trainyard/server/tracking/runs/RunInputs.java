package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.CreateRunRequest;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.datasets.DatasetVersionRef;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.tracking.RunIds;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Links runs to the Trainyard dataset versions they used, which must be in the run's project. */
@Service
public class RunInputs {

    private final RunService runs;
    private final DatasetVersions datasets;

    RunInputs(RunService runs, DatasetVersions datasets) {
        this.runs = runs;
        this.datasets = datasets;
    }

    /** Creates a running run with its params, tags and inputs in one transaction: all or nothing. */
    @Transactional
    public RunRow createTracked(String experimentId, CreateRunRequest request) {
        RunRow run = runs.create(experimentId, request.name(), RunStatus.RUNNING, null,
                RunService.orEmpty(request.params()), RunService.orEmpty(request.tags()), null);
        if (request.inputs() != null) {
            runs.addInputs(RunIds.format(run.id()), resolve(run.projectKey(), request.inputs()));
        }
        return run;
    }

    /** The inputs as rows, each version checked to exist in the project. */
    public List<RunInputRow> resolve(String projectKey, List<CreateRunRequest.DatasetInput> inputs) {
        List<RunInputRow> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            CreateRunRequest.DatasetInput input = inputs.get(i);
            String field = "inputs[" + i + "]";
            if (input == null || input.dataset() == null || input.dataset().isBlank()) {
                throw new ApiException.BadRequest(field + ".dataset", "is required");
            }
            if (input.version() == null) {
                throw new ApiException.BadRequest(field + ".version", "is required");
            }
            DatasetVersionRef ref;
            try {
                ref = datasets.resolve(projectKey, input.dataset(), input.version());
            } catch (ApiException.NotFound e) {
                throw new ApiException.BadRequest(field, "dataset '" + input.dataset() + "' has no version "
                        + input.version() + " in project '" + projectKey + "'");
            }
            rows.add(new RunInputRow(ref.id(), ref.dataset() + "@v" + ref.version(), ref.sha256(), "trainyard",
                    "dataset:" + projectKey + "/" + ref.dataset() + "@" + ref.version(), null, null,
                    input.context() == null ? "training" : input.context()));
        }
        return rows;
    }
}
