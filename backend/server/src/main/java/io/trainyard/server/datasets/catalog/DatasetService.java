package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.CreateDatasetRequest;
import io.trainyard.client.model.Dataset;
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
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Datasets of a project: create, list, read. Every call checks the caller's role in the project first. */
@Service
public class DatasetService {

    private final DatasetRepository datasets;
    private final VersionRepository versions;
    private final ProjectAccess projects;
    private final AuditLog auditLog;

    DatasetService(DatasetRepository datasets, VersionRepository versions, ProjectAccess projects,
                   AuditLog auditLog) {
        this.datasets = datasets;
        this.versions = versions;
        this.projects = projects;
        this.auditLog = auditLog;
    }

    @Transactional
    public Dataset create(String projectKey, CreateDatasetRequest request) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        if (datasets.existsByProjectIdAndName(project.id(), request.name())) {
            throw new ApiException.Conflict("dataset '" + request.name() + "' already exists in project '"
                    + projectKey + "'");
        }
        DatasetRecord dataset = datasets.save(new DatasetRecord(project.id(), request.name(),
                Texts.blankToNull(request.description()), CurrentUser.require().getUsername()));
        auditLog.record("dataset.created", "dataset:" + projectKey + "/" + request.name(), null);
        return view(project, dataset);
    }

    @Transactional(readOnly = true)
    public Page<Dataset> list(String projectKey, Integer pageSize, String pageToken) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        int size = PageToken.clampPageSize(pageSize);
        List<DatasetRecord> rows = datasets.findByProjectIdAndNameGreaterThanOrderByName(project.id(),
                PageToken.decode(pageToken), Limit.of(size + 1));
        return PageToken.page(rows, size, row -> view(project, row), Dataset::name);
    }

    @Transactional(readOnly = true)
    public Dataset get(String projectKey, String name) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        return view(project, require(project, name));
    }

    DatasetRecord require(ProjectRef project, String name) {
        return datasets.findByProjectIdAndName(project.id(), name)
                .orElseThrow(() -> new ApiException.NotFound("dataset '" + name + "' in project '"
                        + project.key() + "'"));
    }

    private Dataset view(ProjectRef project, DatasetRecord dataset) {
        Integer latest = versions.findFirstByDatasetIdOrderByVersionDesc(dataset.getId())
                .map(VersionRecord::getVersion).orElse(null);
        return new Dataset(project.key(), dataset.getName(), dataset.getDescription(), dataset.getCreatedBy(),
                dataset.getCreatedAt(), latest);
    }
}
