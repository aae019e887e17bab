package io.trainyard.server.tracking.experiments;

import io.trainyard.client.model.Experiment;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Experiments: every call checks the caller's role in the experiment's project first. */
@Service
public class ExperimentService {

    public static final int MAX_NAME_LENGTH = 500;

    private final ExperimentStore store;
    private final ProjectAccess projects;
    private final AuditLog auditLog;

    ExperimentService(ExperimentStore store, ProjectAccess projects, AuditLog auditLog) {
        this.store = store;
        this.projects = projects;
        this.auditLog = auditLog;
    }

    @Transactional
    public ExperimentRow create(String projectKey, String name, String description) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        String cleanName = requireName(name);
        if (store.nameTaken(project.id(), cleanName)) {
            throw new ApiException.AlreadyExists("experiment '" + cleanName + "' already exists in project '"
                    + projectKey + "'");
        }
        long id = store.insert(project.id(), cleanName, Texts.blankToNull(description),
                CurrentUser.require().getUsername());
        auditLog.record("experiment.created", "experiment:" + projectKey + "/" + cleanName, null);
        return store.find(id).orElseThrow();
    }

    /** The experiment, if the caller holds {@code role} in its project; otherwise not found. */
    @Transactional(readOnly = true)
    public ExperimentRow require(String experimentId, ProjectRole role) {
        ExperimentRow row = parseId(experimentId).flatMap(store::find)
                .orElseThrow(() -> notFound(experimentId));
        checkAccess(row.projectKey(), role, () -> notFound(experimentId));
        return row;
    }

    /** The experiment of that name, if any, in a project the caller may read. */
    @Transactional(readOnly = true)
    public java.util.Optional<ExperimentRow> findByName(String projectKey, String name) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        return store.findByName(project.id(), name);
    }

    @Transactional(readOnly = true)
    public ExperimentRow requireByName(String projectKey, String name) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        return store.findByName(project.id(), name)
                .orElseThrow(() -> new ApiException.NotFound("experiment '" + name + "' in project '" + projectKey + "'"));
    }

    /**
     * Experiments newest first, of one project or (null) of every project the caller sees; {@code lifecycle}
     * active, deleted or null for both; {@code nameLike} an ILIKE pattern or null.
     */
    @Transactional(readOnly = true)
    public Page<Experiment> list(String projectKey, String lifecycle, String nameLike, Integer pageSize,
                                 String pageToken) {
        List<Long> projectIds = projectKey == null
                ? projects.visibleProjects().stream().map(ProjectRef::id).toList()
                : List.of(projects.require(projectKey, ProjectRole.VIEWER).id());
        int size = PageToken.clampPageSize(pageSize);
        long beforeId = PageToken.decodeBelow(pageToken);
        List<ExperimentRow> rows = store.list(projectIds, lifecycle, nameLike, beforeId, size + 1);
        return PageToken.page(rows, size, this::view, Experiment::id);
    }

    @Transactional
    public ExperimentRow update(String experimentId, String newName, String description) {
        ExperimentRow row = require(experimentId, ProjectRole.EDITOR);
        String cleanName = newName == null ? null : requireName(newName);
        if (cleanName != null && !cleanName.equals(row.name()) && store.nameTaken(row.projectId(), cleanName)) {
            throw new ApiException.AlreadyExists("experiment '" + cleanName + "' already exists in project '"
                    + row.projectKey() + "'");
        }
        store.update(row.id(), cleanName, description);
        auditLog.record("experiment.updated", "experiment:" + row.projectKey() + "/" + row.name(), cleanName);
        return store.find(row.id()).orElseThrow();
    }

    @Transactional
    public void delete(String experimentId) {
        ExperimentRow row = require(experimentId, ProjectRole.EDITOR);
        if (row.id() == 0) {
            throw new ApiException.BadRequest("experiment_id", "the default experiment cannot be deleted");
        }
        store.setLifecycle(row.id(), "deleted");
        auditLog.record("experiment.deleted", "experiment:" + row.projectKey() + "/" + row.name(), null);
    }

    @Transactional
    public void restore(String experimentId) {
        ExperimentRow row = require(experimentId, ProjectRole.EDITOR);
        store.setLifecycle(row.id(), "active");
        auditLog.record("experiment.restored", "experiment:" + row.projectKey() + "/" + row.name(), null);
    }

    @Transactional
    public void setTag(String experimentId, String key, String value) {
        ExperimentRow row = require(experimentId, ProjectRole.EDITOR);
        if (key == null || key.isBlank() || key.length() > 250) {
            throw new ApiException.BadRequest("key", "must be 1 to 250 characters");
        }
        if (value == null) {
            throw new ApiException.BadRequest("value", "is required");
        }
        store.setTag(row.id(), key, value);
    }

    @Transactional(readOnly = true)
    public Experiment view(ExperimentRow row) {
        return new Experiment(Long.toString(row.id()), row.projectKey(), row.name(), row.description(),
                row.lifecycleStage(), store.tags(row.id()), store.runCount(row.id()), row.createdBy(),
                row.createdAt(), row.updatedAt());
    }

    private void checkAccess(String projectKey, ProjectRole role, java.util.function.Supplier<ApiException> missing) {
        try {
            projects.require(projectKey, role);
        } catch (ApiException.NotFound e) {
            throw missing.get();
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException.BadRequest("name", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ApiException.BadRequest("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    private static ApiException notFound(String experimentId) {
        return new ApiException.NotFound("experiment '" + experimentId + "'");
    }
}
