package io.trainyard.server.registry.models;

import io.trainyard.client.model.CreateModelVersionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.registry.ModelVersionCreated;
import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.registry.policy.PolicyValidator;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.RunTracking;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Model versions: each is the bundle of a succeeded run of the model's project, pinned by hash, with the run's
 * metrics and subgroup gaps as they were when it was registered. Editors register, owners delete.
 */
@Service
public class ModelVersionService {

    /** Where the training executor puts the model bundle and the subgroup evaluation of a run. */
    public static final String BUNDLE_PATH = "model/bundle.zip";
    static final String SUBGROUPS_PATH = "evaluation/subgroups.json";

    private final ModelService models;
    private final ModelStore store;
    private final ProjectAccess projects;
    private final RunTracking runs;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;

    ModelVersionService(ModelService models, ModelStore store, ProjectAccess projects, RunTracking runs,
                   AuditLog auditLog, ApplicationEventPublisher events) {
        this.models = models;
        this.store = store;
        this.projects = projects;
        this.runs = runs;
        this.auditLog = auditLog;
        this.events = events;
    }

    /**
     * Registers the bundle of a succeeded run of the same project as the next version, pinning the bundle's
     * hash and snapshotting the run's latest metrics and subgroup gaps (what the gates will look at).
     */
    @Transactional
    public ModelVersion createVersion(String projectKey, String name, CreateModelVersionRequest request) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.EDITOR);
        if (request.runId() == null || request.runId().isBlank()) {
            throw new ApiException.BadRequest("runId", "is required");
        }
        ModelService.checkTags(request.tags());
        Run run = runs.get(request.runId(), ProjectRole.VIEWER);
        if (!run.project().equals(projectKey)) {
            throw new ApiException.BadRequest("runId", "the run belongs to project '" + run.project()
                    + "'; a model registers runs of its own project");
        }
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new ApiException.BadRequest("runId", "the run is " + run.status().wireName()
                    + "; only a succeeded run can be registered");
        }
        RunArtifact bundle = runs.artifact(run.id(), BUNDLE_PATH).orElseThrow(() -> new ApiException.BadRequest(
                "runId", "the run has no model bundle (" + BUNDLE_PATH + ")"));
        Map<String, Double> gaps = runs.artifact(run.id(), SUBGROUPS_PATH).map(this::largestGaps).orElse(null);
        int version = store.insertVersion(model.id(), RunIds.parse(run.id()), bundle.sha256(), bundle.sizeBytes(),
                RegistryJson.write(run.latestMetrics()), gaps == null ? null : RegistryJson.write(gaps),
                ModelService.text(request.description(), "description", ModelService.MAX_TEXT), CurrentUser.require().getUsername());
        VersionRow row = store.version(model.id(), version).orElseThrow();
        if (request.tags() != null) {
            request.tags().forEach((k, v) -> store.setVersionTag(row.id(), k, v));
        }
        auditLog.record("model_version.created", ModelService.target(projectKey, name) + "/" + version, "run " + run.id());
        events.publishEvent(new ModelVersionCreated(model.projectId(), projectKey, model.name(), version, run.id(),
                row.createdBy()));
        return view(model, row);
    }


    @Transactional(readOnly = true)
    public ModelVersion getVersion(String projectKey, String name, int version) {
        ModelRow model = models.require(projectKey, name, ProjectRole.VIEWER);
        return view(model, models.requireVersion(model, version));
    }

    @Transactional(readOnly = true)
    public Page<ModelVersion> versions(String projectKey, String name, Integer pageSize, String pageToken) {
        ModelRow model = models.require(projectKey, name, ProjectRole.VIEWER);
        int size = PageToken.clampPageSize(pageSize);
        int before = PageToken.decodeBelowInt(pageToken);
        Holders holders = holders(model);
        return PageToken.page(store.versions(model.id(), before, size + 1), size, v -> view(model, v, holders),
                v -> Integer.toString(v.version()));
    }

    @Transactional
    public ModelVersion updateVersion(String projectKey, String name, int version, String description,
                                      Map<String, String> tags) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.EDITOR);
        VersionRow row = models.requireVersion(model, version);
        ModelService.checkTags(tags);
        if (description != null) {
            store.updateVersion(row.id(), ModelService.text(description, "description", ModelService.MAX_TEXT));
        }
        if (tags != null) {
            tags.forEach((k, v) -> store.setVersionTag(row.id(), k, v));
        }
        return view(model, store.versionById(row.id()).orElseThrow());
    }

    /** Owners only; the aliases it held go with it (their history stays). */
    @Transactional
    public void deleteVersion(String projectKey, String name, int version) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.OWNER);
        store.deleteVersion(models.requireVersion(model, version).id());
        auditLog.record("model_version.deleted", ModelService.target(projectKey, name) + "/" + version, null);
    }


    /**
     * What serving needs of a version, in one query after the access check; empty when the model, version or
     * alias does not exist. No transaction: both reads stand alone.
     */
    public Optional<ServableVersion> servable(String projectKey, String name, String alias, Integer version,
                                              ProjectRole role) {
        ProjectRef project = projects.require(projectKey, role);
        return store.served(project.id(), name, alias, version).map(s -> new ServableVersion(project.id(),
                project.key(), s.modelId(), s.name(), s.version(), s.bundleSha256(), s.runId()));
    }

    /** MLflow's model-versions/search: by model name (exact or ILIKE) and run IDs, any of them null. */
    @Transactional(readOnly = true)
    public List<ModelVersion> searchVersions(String projectKey, String nameEquals, String nameLike,
                                             List<String> runIds, int offset, int limit) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        List<UUID> ids = runIds == null ? null : runIds.stream().map(RunIds::parse).toList();
        Map<String, ModelRow> byName = new HashMap<>();
        Map<String, Holders> holders = new HashMap<>();
        return store.searchVersions(project.id(), nameEquals, nameLike, ids, offset, limit).stream()
                .map(v -> {
                    ModelRow model = byName.computeIfAbsent(v.modelName(),
                            n -> store.find(project.id(), n).orElseThrow());
                    return view(model, v.version(), holders.computeIfAbsent(v.modelName(), n -> holders(model)));
                })
                .toList();
    }


    public ModelVersion view(ModelRow model, VersionRow version) {
        return view(model, version, holders(model));
    }

    /** Which aliases point where in one model: read once for a page of its versions, not once per version. */
    private record Holders(Map<String, Integer> aliases, int newest) {

        List<String> of(VersionRow version) {
            List<String> held = new ArrayList<>();
            aliases.forEach((alias, v) -> {
                if (v == version.version()) {
                    held.add(alias);
                }
            });
            if (newest == version.version()) {
                held.add(PolicyValidator.LATEST);
            }
            return held;
        }
    }

    private Holders holders(ModelRow model) {
        return new Holders(store.aliases(model.id()), store.newestVersion(model.id()).map(VersionRow::version)
                .orElse(-1));
    }

    private ModelVersion view(ModelRow model, VersionRow version, Holders holders) {
        Run run = runs.get(RunIds.format(version.runId()), ProjectRole.VIEWER);
        return new ModelVersion(model.name(), version.version(), run.id(), run.experimentId(), run.name(),
                version.bundleSha256(), version.bundleSize(), RegistryJson.numbers(version.metricsJson()),
                version.subgroupGapsJson() == null ? null : RegistryJson.numbers(version.subgroupGapsJson()),
                run.params(), run.inputs(), holders.of(version), version.description(),
                store.versionTags(version.id()), version.createdBy(), version.createdAt());
    }

    private Map<String, Double> largestGaps(RunArtifact artifact) {
        try (InputStream in = runs.openArtifact(artifact)) {
            JsonNode gaps = RegistryJson.read(in).path("largestGap");
            Map<String, Double> out = new LinkedHashMap<>();
            gaps.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    out.put(e.getKey(), e.getValue().asDouble());
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
