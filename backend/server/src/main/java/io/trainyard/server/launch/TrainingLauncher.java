package io.trainyard.server.launch;

import io.trainyard.client.model.CreateRunRequest;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.TrainingRunRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.queue.JobStatus;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.RunTracking;
import io.trainyard.training.config.ConfigProblem;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Submits training runs: everything that can be checked is checked before anything is written (so a bad
 * config is a 400 naming the field, never a failed job later), then the run and its job are created in one
 * transaction. With an {@code Idempotency-Key}, a repeated submission returns the first run.
 */
@Service
public class TrainingLauncher {

    static final String JOB_KIND = "training";
    static final String DEFAULT_EXPERIMENT = "training";

    private final ProjectAccess projects;
    private final DatasetVersions datasets;
    private final RunTracking tracking;
    private final JobQueue queue;
    private final JsonMapper json;

    TrainingLauncher(ProjectAccess projects, DatasetVersions datasets, RunTracking tracking, JobQueue queue,
                     JsonMapper json) {
        this.projects = projects;
        this.datasets = datasets;
        this.tracking = tracking;
        this.queue = queue;
        this.json = json;
    }

    /** The run (status queued, with its job) and whether this call created it. */
    @Transactional
    public Launched launch(String projectKey, TrainingRunRequest request, String idempotencyKey) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        TrainingRunRequest.DatasetRef dataset = requireDataset(request);
        DatasetVersion version = describe(projectKey, dataset);
        TrainingConfig config = validConfig(request.config(), version);
        int gpus = request.resources() == null || request.resources().gpus() == null ? 0 : request.resources().gpus();
        if (gpus < 0 || gpus > 8) {
            throw new ApiException.BadRequest("resources.gpus", "must be between 0 and 8");
        }
        List<String> labels = request.resources() == null || request.resources().labels() == null ? List.of()
                : request.resources().labels();
        int priority = request.priority() == null ? 0 : request.priority();

        UUID runId = UUID.randomUUID();
        String configJson = TrainingConfigJson.toJson(config);
        JobRequest job = JobRequest.of(JOB_KIND, spec(runId, projectKey, dataset, configJson, config), project.id())
                .withRunId(runId).withPriority(priority).withResources(gpus, labels)
                .withIdempotencyKey(idempotencyKey).withRequestedBy(CurrentUser.require().getUsername());
        JobId jobId = queue.enqueue(job);
        UUID jobRun = queue.status(jobId).map(JobStatus::runId).orElse(runId);
        if (!runId.equals(jobRun)) {
            // the key was used before: the first submission's run is the answer
            return new Launched(tracking.get(RunIds.format(jobRun), ProjectRole.VIEWER), false);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("trainyard.kind", "training");
        tags.put("trainyard.config", configJson);
        String experiment = request.experiment() == null || request.experiment().isBlank() ? DEFAULT_EXPERIMENT
                : request.experiment().strip();
        tracking.createQueuedRun(runId, projectKey, experiment, request.name(), params(configJson), tags,
                List.of(new CreateRunRequest.DatasetInput(dataset.name(), dataset.version(), "training")));
        tracking.linkJob(runId, jobId.value());
        return new Launched(tracking.get(RunIds.format(runId), ProjectRole.VIEWER), true);
    }

    /**
     * Validates without submitting: the problems, each naming its field under {@code config.}. Not one
     * transaction on purpose: a refused inner call would mark it rollback-only.
     */
    public List<FieldProblem> check(String projectKey, TrainingRunRequest request) {
        try {
            projects.require(projectKey, ProjectRole.VIEWER);
            validConfig(request.config(), describe(projectKey, requireDataset(request)));
            return List.of();
        } catch (ApiException.BadRequest e) {
            return e.fieldProblems();
        }
    }

    public record Launched(Run run, boolean created) {
    }

    private static TrainingRunRequest.DatasetRef requireDataset(TrainingRunRequest request) {
        TrainingRunRequest.DatasetRef dataset = request.dataset();
        if (dataset == null || dataset.name() == null || dataset.name().isBlank()) {
            throw new ApiException.BadRequest("dataset.name", "is required");
        }
        if (dataset.version() == null) {
            throw new ApiException.BadRequest("dataset.version", "is required");
        }
        return dataset;
    }

    private DatasetVersion describe(String projectKey, TrainingRunRequest.DatasetRef dataset) {
        try {
            return datasets.describe(projectKey, dataset.name(), dataset.version());
        } catch (ApiException.NotFound e) {
            throw new ApiException.BadRequest("dataset", "dataset '" + dataset.name() + "' has no version "
                    + dataset.version() + " in project '" + projectKey + "'");
        }
    }

    private static TrainingConfig validConfig(JsonNode node, DatasetVersion version) {
        if (node == null || !node.isObject()) {
            throw new ApiException.BadRequest("config", "is required: a training config object");
        }
        TrainingConfig config;
        try {
            config = TrainingConfigJson.parse(node.toString());
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest("config", "is not a valid training config: " + e.getMessage());
        }
        TrainingConfig complete = config.withDefaults();
        List<ConfigProblem> problems = complete.validate(TrainingSchemas.of(version));
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems.stream()
                    .map(p -> new FieldProblem("config." + p.field(), p.message())).toList());
        }
        return complete;
    }

    private String spec(UUID runId, String projectKey, TrainingRunRequest.DatasetRef dataset, String configJson,
                        TrainingConfig config) {
        ObjectNode spec = json.createObjectNode();
        spec.put("runId", RunIds.format(runId));
        spec.put("project", projectKey);
        spec.putObject("dataset").put("name", dataset.name()).put("version", dataset.version());
        spec.set("config", json.readTree(configJson));
        ObjectNode split = spec.putObject("split");
        split.put("validation", config.split().validation());
        split.put("test", config.split().test());
        if (config.isClassification() && Boolean.TRUE.equals(config.split().stratify())) {
            split.put("stratifyColumn", config.target());
        }
        split.put("seed", config.split().seed());
        return spec.toString();
    }

    /** The config flattened to searchable params: {@code optimizer.learningRate = 0.001}. */
    private Map<String, String> params(String configJson) {
        Map<String, String> params = new LinkedHashMap<>();
        flatten("", json.readTree(configJson), params);
        return params;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), into));
        } else if (!node.isNull()) {
            String value = node.isString() ? node.asString() : node.toString();
            into.put(prefix, value.length() > 6000 ? value.substring(0, 6000) : value);
        }
    }
}
