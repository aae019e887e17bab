package io.trainyard.server.monitoring.monitors;

import io.trainyard.client.model.CreateMonitorRequest;
import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.Monitor;
import io.trainyard.client.model.MonitorWindow;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.monitoring.MonitoringProperties;
import io.trainyard.server.monitoring.drift.DriftSettingsFactory;
import io.trainyard.server.registry.ModelRegistry;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monitors: created by editors after every field is checked (the alias must be held now, the datasets must
 * exist), read by viewers, deleted by editors. A monitor's evaluations act with its creator's rights.
 */
@Service
public class MonitorService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final ProjectAccess projects;
    private final MonitorStore store;
    private final ModelRegistry registry;
    private final DatasetVersions datasets;
    private final MonitoringProperties properties;

    MonitorService(ProjectAccess projects, MonitorStore store, ModelRegistry registry, DatasetVersions datasets,
                   MonitoringProperties properties) {
        this.projects = projects;
        this.store = store;
        this.registry = registry;
        this.datasets = datasets;
        this.properties = properties;
    }

    @Transactional
    public Monitor create(String projectKey, CreateMonitorRequest request) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        if (request == null) {
            throw new ApiException.BadRequest("name", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            problems.add(new FieldProblem("name", "is required: letters, digits, '.', '_' or '-', at most 100"));
        } else if (store.exists(project.id(), request.name())) {
            problems.add(new FieldProblem("name", "a monitor named '" + request.name() + "' exists in this project"));
        }
        checkAlias(projectKey, request, problems);
        checkDataset(projectKey, request.reference(), "reference", false, problems);
        checkWindow(projectKey, request.window(), problems);
        Integer schedule = scheduleSeconds(request.schedule(), problems);
        problems.addAll(DriftSettingsFactory.validate(request.thresholds(), "thresholds"));
        String action = request.action() == null || request.action().isBlank() ? "none" : request.action();
        if (!action.equals("none") && !action.equals("retrain")) {
            problems.add(new FieldProblem("action", "must be none or retrain"));
        }
        if (request.retrain() != null && !action.equals("retrain")) {
            problems.add(new FieldProblem("retrain", "is only allowed with action retrain"));
        }
        checkDataset(projectKey, request.retrain(), "retrain", true, problems);
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        Instant next = schedule == null ? null : Instant.now().plusSeconds(schedule);
        long id = store.insert(project.id(), request.name(), request.model(), request.alias(), request.reference(),
                request.window(), schedule, request.thresholds(), action, request.retrain(), next,
                CurrentUser.require().getUsername());
        return store.find(id).orElseThrow().view();
    }

    public List<Monitor> list(String projectKey) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        return store.list(project.id()).stream().map(MonitorRow::view).toList();
    }

    /** The monitor, if the caller holds {@code role} in its project (else 404/403 as for any project object). */
    public MonitorRow require(long id, ProjectRole role) {
        MonitorRow row = store.find(id).orElseThrow(() -> new ApiException.NotFound("monitor " + id));
        try {
            projects.require(row.projectKey(), role);
        } catch (ApiException.NotFound e) {
            throw new ApiException.NotFound("monitor " + id);
        }
        return row;
    }

    @Transactional
    public void delete(long id) {
        require(id, ProjectRole.EDITOR);
        store.delete(id);
    }

    private void checkAlias(String projectKey, CreateMonitorRequest request, List<FieldProblem> problems) {
        if (request.model() == null || request.model().isBlank()) {
            problems.add(new FieldProblem("model", "is required"));
            return;
        }
        if (request.alias() == null || request.alias().isBlank()) {
            problems.add(new FieldProblem("alias", "is required"));
            return;
        }
        try {
            registry.resolve(projectKey, request.model(), "latest", null, ProjectRole.VIEWER);
        } catch (ApiException.NotFound e) {
            problems.add(new FieldProblem("model", "no model '" + request.model() + "' with a version in this project"));
            return;
        }
        try {
            registry.resolve(projectKey, request.model(), request.alias(), null, ProjectRole.VIEWER);
        } catch (ApiException.NotFound e) {
            problems.add(new FieldProblem("alias", "no version of model '" + request.model() + "' holds alias '"
                    + request.alias() + "'"));
        }
    }

    private void checkDataset(String projectKey, DatasetSelector selector, String field, boolean versionOptional,
                              List<FieldProblem> problems) {
        if (selector == null) {
            return;
        }
        if (selector.dataset() == null || selector.dataset().isBlank()) {
            problems.add(new FieldProblem(field + ".dataset", "is required"));
            return;
        }
        if (selector.version() == null && !versionOptional) {
            problems.add(new FieldProblem(field + ".version", "is required"));
            return;
        }
        try {
            if (selector.version() == null) {
                datasets.newest(projectKey, selector.dataset());
            } else {
                datasets.resolve(projectKey, selector.dataset(), selector.version());
            }
        } catch (ApiException.NotFound e) {
            problems.add(new FieldProblem(field, "dataset '" + selector.dataset() + "'"
                    + (selector.version() == null ? " has no version" : " has no version " + selector.version())));
        }
    }

    private void checkWindow(String projectKey, MonitorWindow window, List<FieldProblem> problems) {
        if (window == null) {
            problems.add(new FieldProblem("window", "is required: {duration}, {last} or {dataset, version}"));
            return;
        }
        int kinds = (window.duration() != null ? 1 : 0) + (window.last() != null ? 1 : 0)
                + (window.dataset() != null ? 1 : 0);
        if (kinds != 1) {
            problems.add(new FieldProblem("window", "give exactly one of duration, last, or dataset with version"));
            return;
        }
        if (window.duration() != null) {
            Duration duration = parse(window.duration(), "window.duration", problems);
            if (duration != null && (duration.compareTo(MIN_PERIOD) < 0 || duration.compareTo(MAX_WINDOW) > 0)) {
                problems.add(new FieldProblem("window.duration", "must be between PT1M and P366D"));
            }
        } else if (window.last() != null) {
            if (window.last() < 1 || window.last() > properties.maxCurrentRows()) {
                problems.add(new FieldProblem("window.last", "must be between 1 and " + properties.maxCurrentRows()));
            }
        } else {
            checkDataset(projectKey, new DatasetSelector(window.dataset(), window.version()), "window", false,
                    problems);
        }
    }

    private static Integer scheduleSeconds(String schedule, List<FieldProblem> problems) {
        if (schedule == null || schedule.isBlank()) {
            return null;
        }
        Duration period = parse(schedule, "schedule", problems);
        if (period == null) {
            return null;
        }
        if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_WINDOW) > 0) {
            problems.add(new FieldProblem("schedule", "must be between PT1M and P366D"));
            return null;
        }
        return Math.toIntExact(period.toSeconds());
    }

    private static Duration parse(String text, String field, List<FieldProblem> problems) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "'" + text + "' is not an ISO-8601 duration such as PT1H"));
            return null;
        }
    }
}
