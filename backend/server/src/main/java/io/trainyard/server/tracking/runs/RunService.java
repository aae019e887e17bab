package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunInput;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.experiments.ExperimentRow;
import io.trainyard.server.tracking.experiments.ExperimentService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs and what is logged to them besides metrics: params (write-once), tags, inputs, status. Every call
 * checks the caller's role in the run's project; a run in a project the caller cannot see is "not found".
 */
@Service
public class RunService {

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;

    private final RunStore store;
    private final ExperimentService experiments;
    private final ProjectAccess projects;
    private final ApplicationEventPublisher events;

    RunService(RunStore store, ExperimentService experiments, ProjectAccess projects,
               ApplicationEventPublisher events) {
        this.store = store;
        this.experiments = experiments;
        this.projects = projects;
        this.events = events;
    }

    /** A new run in an active experiment; {@code jobId} is set for runs our executors will execute. */
    @Transactional
    public RunRow create(String experimentId, String name, RunStatus status, Instant startTime,
                         Map<String, String> params, Map<String, String> tags, Long jobId) {
        return create(UUID.randomUUID(), experimentId, name, status, startTime, params, tags, jobId);
    }

    /** The same with an ID chosen by the caller (a launcher that names the run in its job first). */
    @Transactional
    public RunRow create(UUID id, String experimentId, String name, RunStatus status, Instant startTime,
                         Map<String, String> params, Map<String, String> tags, Long jobId) {
        ExperimentRow experiment = experiments.require(experimentId, ProjectRole.EDITOR);
        if (!experiment.active()) {
            throw new ApiException.Conflict("experiment '" + experiment.name() + "' is deleted; restore it first");
        }
        checkParams(params);
        checkTags(tags);
        String runName = name == null || name.isBlank() ? defaultName(id, tags) : checkName(name);
        store.insert(id, experiment.id(), experiment.projectId(), runName, status,
                status == RunStatus.QUEUED ? null : startTime == null ? Instant.now() : startTime,
                jobId, CurrentUser.require().getUsername());
        store.insertParams(id, params);
        store.upsertTags(id, tags);
        return store.find(id).orElseThrow();
    }

    /** The run, if the caller holds {@code role} in its project; otherwise not found, so IDs leak nothing. */
    @Transactional(readOnly = true)
    public RunRow require(String runId, ProjectRole role) {
        RunRow run = store.find(RunIds.parse(runId)).orElseThrow(() -> notFound(runId));
        try {
            projects.require(run.projectKey(), role);
        } catch (ApiException.NotFound e) {
            throw notFound(runId);
        }
        return run;
    }

    /** For writes: the caller needs the editor role and the run must not be deleted. */
    @Transactional(readOnly = true)
    public RunRow requireWritable(String runId) {
        RunRow run = require(runId, ProjectRole.EDITOR);
        if (!run.active()) {
            throw new ApiException.Conflict("run '" + runId + "' is deleted; restore it before logging to it");
        }
        return run;
    }

    @Transactional
    public RunRow update(String runId, RunStatus status, Instant endTime, String name, Map<String, String> tags) {
        RunRow run = requireWritable(runId);
        checkTags(tags);
        if (name != null) {
            store.rename(run.id(), checkName(name));
        }
        store.upsertTags(run.id(), tags);
        if (status != null && status != run.status()) {
            changeStatus(run, status, endTime);
        }
        return store.find(run.id()).orElseThrow();
    }

    /**
     * Status changes that the platform makes for a job's run (the job started, finished, was cancelled), with
     * no caller to check: a run already ended keeps its status, and its end publishes {@link
     * io.trainyard.server.tracking.RunFinished} once.
     */
    @Transactional
    public void platformStatus(UUID runId, RunStatus status) {
        RunRow run = store.find(runId).orElse(null);
        if (run == null || run.status().terminal() || run.status() == status) {
            return;
        }
        changeStatus(run, status, null);
    }

    /** Stores the new status; ending the run publishes {@link io.trainyard.server.tracking.RunFinished}. */
    private void changeStatus(RunRow run, RunStatus status, Instant endTime) {
        store.updateStatus(run.id(), status, endTime);
        if (status.terminal()) {
            events.publishEvent(new io.trainyard.server.tracking.RunFinished(RunIds.format(run.id()),
                    run.projectId(), status));
        }
    }

    @Transactional
    public void linkJob(UUID runId, long jobId) {
        store.linkJob(runId, jobId);
    }

    /** Params are write-once: the same value again is fine, another value is refused and nothing is written. */
    @Transactional
    public void logParams(String runId, Map<String, String> params) {
        RunRow run = requireWritable(runId);
        checkParams(params);
        Map<String, String> existing = store.params(run.id(), new ArrayList<>(params.keySet()));
        for (Map.Entry<String, String> entry : params.entrySet()) {
            String before = existing.get(entry.getKey());
            if (before != null && !before.equals(entry.getValue())) {
                throw new ApiException.BadRequest("params." + entry.getKey(), "is already '" + before
                        + "'; params are write-once, so '" + entry.getValue() + "' cannot replace it");
            }
        }
        store.insertParams(run.id(), params);
    }

    @Transactional
    public void setTags(String runId, Map<String, String> tags) {
        RunRow run = requireWritable(runId);
        checkTags(tags);
        store.upsertTags(run.id(), tags);
    }

    @Transactional
    public void deleteTag(String runId, String key) {
        RunRow run = requireWritable(runId);
        if (!store.deleteTag(run.id(), key)) {
            throw new ApiException.NotFound("tag '" + key + "' of run '" + runId + "'");
        }
    }

    @Transactional
    public void addInputs(String runId, List<RunInputRow> inputs) {
        RunRow run = requireWritable(runId);
        inputs.forEach(input -> store.insertInput(run.id(), input));
    }

    @Transactional
    public void delete(String runId) {
        store.setLifecycle(require(runId, ProjectRole.EDITOR).id(), "deleted");
    }

    @Transactional
    public void restore(String runId) {
        store.setLifecycle(require(runId, ProjectRole.EDITOR).id(), "active");
    }

    @Transactional(readOnly = true)
    public Run view(RunRow run) {
        return views(List.of(run)).get(0);
    }

    /** Views of many runs with four queries in all, whatever their number. */
    @Transactional(readOnly = true)
    public List<Run> views(List<RunRow> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = runs.stream().map(RunRow::id).toList();
        Map<UUID, Map<String, String>> params = store.params(ids);
        Map<UUID, Map<String, String>> tags = store.tags(ids);
        Map<UUID, Map<String, Double>> metrics = store.latestMetrics(ids);
        Map<UUID, List<RunStore.StoredInput>> inputs = store.inputs(ids);
        return runs.stream().map(run -> new Run(RunIds.format(run.id()), Long.toString(run.experimentId()),
                run.projectKey(), run.name(), run.status(), run.lifecycleStage(),
                params.getOrDefault(run.id(), Map.of()), tags.getOrDefault(run.id(), Map.of()),
                metrics.getOrDefault(run.id(), Map.of()),
                inputs.getOrDefault(run.id(), List.of()).stream().map(RunService::inputView).toList(),
                run.jobId(), run.createdBy(), run.startTime(), run.endTime())).toList();
    }

    /** Each run's metrics at their latest step, with step and timestamp (MLflow shows all three). */
    @Transactional(readOnly = true)
    public Map<UUID, List<RunStore.LatestMetric>> latestMetricPoints(List<UUID> runs) {
        return runs.isEmpty() ? Map.of() : store.latestMetricPoints(runs);
    }

    /** The MLflow-only parts of inputs (source, schema, profile), for the MLflow API. */
    @Transactional(readOnly = true)
    public Map<UUID, List<RunStore.StoredInput>> storedInputs(List<UUID> runs) {
        return runs.isEmpty() ? Map.of() : store.inputs(runs);
    }

    private static RunInput inputView(RunStore.StoredInput stored) {
        return new RunInput(stored.dataset(), stored.version(), stored.input().name(), stored.input().digest(),
                stored.input().context());
    }

    static void checkParams(Map<String, String> params) {
        params.forEach((key, value) -> {
            checkKey("params", key);
            if (value == null) {
                throw new ApiException.BadRequest("params." + key, "needs a value");
            }
            if (value.length() > MAX_PARAM_VALUE_LENGTH) {
                throw new ApiException.BadRequest("params." + key, "is " + value.length()
                        + " characters; the limit is " + MAX_PARAM_VALUE_LENGTH);
            }
        });
    }

    static void checkTags(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            checkKey("tags", key);
            if (value == null) {
                throw new ApiException.BadRequest("tags." + key, "needs a value");
            }
            if (value.length() > MAX_TAG_VALUE_LENGTH) {
                throw new ApiException.BadRequest("tags." + key, "is " + value.length()
                        + " characters; the limit is " + MAX_TAG_VALUE_LENGTH);
            }
        });
    }

    public static void checkKey(String field, String key) {
        if (key == null || key.isBlank()) {
            throw new ApiException.BadRequest(field, "a key is missing or blank");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new ApiException.BadRequest(field + "." + key.substring(0, 40) + "…",
                    "keys may have at most " + MAX_KEY_LENGTH + " characters; this one has " + key.length());
        }
    }

    private static String checkName(String name) {
        if (name.length() > MAX_KEY_LENGTH) {
            throw new ApiException.BadRequest("name", "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return name.strip();
    }

    private static String defaultName(UUID id, Map<String, String> tags) {
        String fromTag = tags.get("mlflow.runName");
        return fromTag != null && !fromTag.isBlank() ? checkName(fromTag) : "run-" + RunIds.format(id).substring(0, 8);
    }

    private static ApiException notFound(String runId) {
        return new ApiException.NotFound("run '" + runId + "'");
    }

    static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }
}
