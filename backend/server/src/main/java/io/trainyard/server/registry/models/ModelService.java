package io.trainyard.server.registry.models;

import io.trainyard.client.model.CreateModelRequest;
import io.trainyard.client.model.CreateModelVersionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.RegisteredModel;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.client.model.RunStatus;
import io.trainyard.client.model.UpdateModelRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Registered models and their versions. Every call checks the caller's role in the model's project first:
 * viewers read, editors register, owners change policies and delete.
 */
@Service
public class ModelService {

    /** Where the training executor puts the model bundle and the subgroup evaluation of a run. */
    public static final String BUNDLE_PATH = "model/bundle.zip";
    static final String SUBGROUPS_PATH = "evaluation/subgroups.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final int MAX_TEXT = 5000;
    private static final int MAX_CARD = 100_000;

    private final ModelStore store;
    private final ProjectAccess projects;
    private final RunTracking runs;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;

    ModelService(ModelStore store, ProjectAccess projects, RunTracking runs, AuditLog auditLog,
                 ApplicationEventPublisher events) {
        this.store = store;
        this.projects = projects;
        this.runs = runs;
        this.auditLog = auditLog;
        this.events = events;
    }

    @Transactional
    public RegisteredModel create(String projectKey, CreateModelRequest request) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        String name = checkName(request.name(), "name");
        PromotionPolicy policy = PolicyValidator.normalize(request.policy(), "policy");
        checkTags(request.tags());
        long id = store.insert(project.id(), name, text(request.description(), "description", MAX_TEXT),
                        text(request.modelCard(), "modelCard", MAX_CARD), RegistryJson.write(policy),
                        CurrentUser.require().getUsername())
                .orElseThrow(() -> new ApiException.AlreadyExists("model '" + name + "' already exists in project '"
                        + projectKey + "'"));
        if (request.tags() != null) {
            request.tags().forEach((k, v) -> store.setModelTag(id, k, v));
        }
        auditLog.record("model.created", target(projectKey, name), null);
        return view(store.find(project.id(), name).orElseThrow());
    }

    /** The model, if the caller holds {@code role} in its project; else not found (or forbidden for members). */
    @Transactional(readOnly = true)
    public ModelRow require(String projectKey, String name, ProjectRole role) {
        ProjectRef project = projects.require(projectKey, role);
        return store.find(project.id(), name).orElseThrow(() -> notFound(projectKey, name));
    }

    /** Like {@link #require}, holding the model's row lock until the caller's transaction ends. */
    @Transactional
    public ModelRow lock(String projectKey, String name, ProjectRole role) {
        ProjectRef project = projects.require(projectKey, role);
        return store.lock(project.id(), name).orElseThrow(() -> notFound(projectKey, name));
    }

    @Transactional(readOnly = true)
    public RegisteredModel get(String projectKey, String name) {
        return view(require(projectKey, name, ProjectRole.VIEWER));
    }

    /** Models by name, of one project or (null) of every project the caller sees. */
    @Transactional(readOnly = true)
    public Page<RegisteredModel> list(String projectKey, String nameLike, Integer pageSize, String pageToken) {
        List<Long> projectIds = projectKey == null
                ? projects.visibleProjects().stream().map(ProjectRef::id).toList()
                : List.of(projects.require(projectKey, ProjectRole.VIEWER).id());
        int size = PageToken.clampPageSize(pageSize);
        return PageToken.page(store.list(projectIds, nameLike, PageToken.decode(pageToken), size + 1), size,
                this::view, RegisteredModel::name);
    }

    @Transactional
    public RegisteredModel update(String projectKey, String name, UpdateModelRequest request) {
        ModelRow model = lock(projectKey, name, ProjectRole.EDITOR);
        checkTags(request.tags());
        store.update(model.id(),
                request.description() != null ? text(request.description(), "description", MAX_TEXT)
                        : model.description(),
                request.modelCard() != null ? text(request.modelCard(), "modelCard", MAX_CARD) : model.modelCard());
        if (request.tags() != null) {
            request.tags().forEach((k, v) -> store.setModelTag(model.id(), k, v));
        }
        return view(store.find(model.projectId(), name).orElseThrow());
    }

    /** Owners only: the policy decides what may serve. */
    @Transactional
    public RegisteredModel setPolicy(String projectKey, String name, PromotionPolicy policy) {
        ModelRow model = lock(projectKey, name, ProjectRole.OWNER);
        String json = RegistryJson.write(PolicyValidator.normalize(policy, "policy"));
        store.updatePolicy(model.id(), json);
        auditLog.record("model.policy_changed", target(projectKey, name), json);
        return view(store.find(model.projectId(), name).orElseThrow());
    }

    @Transactional
    public RegisteredModel rename(String projectKey, String name, String newName) {
        ModelRow model = lock(projectKey, name, ProjectRole.EDITOR);
        String clean = checkName(newName, "newName");
        if (!clean.equals(name) && store.find(model.projectId(), clean).isPresent()) {
            throw new ApiException.AlreadyExists("model '" + clean + "' already exists in project '" + projectKey + "'");
        }
        store.rename(model.id(), clean);
        auditLog.record("model.renamed", target(projectKey, name), "to " + clean);
        return view(store.find(model.projectId(), clean).orElseThrow());
    }

    /** Owners only: deleting a model removes its versions and aliases. */
    @Transactional
    public void delete(String projectKey, String name) {
        ModelRow model = lock(projectKey, name, ProjectRole.OWNER);
        store.delete(model.id());
        auditLog.record("model.deleted", target(projectKey, name), null);
    }

    /**
     * Registers the bundle of a succeeded run of the same project as the next version, pinning the bundle's
     * hash and snapshotting the run's latest metrics and subgroup gaps (what the gates will look at).
     */
    @Transactional
    public ModelVersion createVersion(String projectKey, String name, CreateModelVersionRequest request) {
        ModelRow model = lock(projectKey, name, ProjectRole.EDITOR);
        if (request.runId() == null || request.runId().isBlank()) {
            throw new ApiException.BadRequest("runId", "is required");
        }
        checkTags(request.tags());
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
                text(request.description(), "description", MAX_TEXT), CurrentUser.require().getUsername());
        VersionRow row = store.version(model.id(), version).orElseThrow();
        if (request.tags() != null) {
            request.tags().forEach((k, v) -> store.setVersionTag(row.id(), k, v));
        }
        auditLog.record("model_version.created", target(projectKey, name) + "/" + version, "run " + run.id());
        events.publishEvent(new ModelVersionCreated(model.projectId(), projectKey, model.name(), version, run.id(),
                row.createdBy()));
        return view(model, row);
    }

    @Transactional(readOnly = true)
    public VersionRow requireVersion(ModelRow model, int version) {
        return store.version(model.id(), version).orElseThrow(() -> new ApiException.NotFound(
                "version " + version + " of model '" + model.name() + "'"));
    }

    /** A version by number, if the model has it. */
    @Transactional(readOnly = true)
    public Optional<VersionRow> findVersion(ModelRow model, int version) {
        return store.version(model.id(), version);
    }

    @Transactional(readOnly = true)
    public Optional<VersionRow> newestVersion(ModelRow model) {
        return store.newestVersion(model.id());
    }

    @Transactional(readOnly = true)
    public Optional<VersionRow> versionById(long id) {
        return store.versionById(id);
    }

    @Transactional(readOnly = true)
    public ModelVersion getVersion(String projectKey, String name, int version) {
        ModelRow model = require(projectKey, name, ProjectRole.VIEWER);
        return view(model, requireVersion(model, version));
    }

    @Transactional(readOnly = true)
    public Page<ModelVersion> versions(String projectKey, String name, Integer pageSize, String pageToken) {
        ModelRow model = require(projectKey, name, ProjectRole.VIEWER);
        int size = PageToken.clampPageSize(pageSize);
        String after = PageToken.decode(pageToken);
        int before;
        try {
            before = after.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
        }
        return PageToken.page(store.versions(model.id(), before, size + 1), size, v -> view(model, v),
                v -> Integer.toString(v.version()));
    }

    @Transactional
    public ModelVersion updateVersion(String projectKey, String name, int version, String description,
                                      Map<String, String> tags) {
        ModelRow model = lock(projectKey, name, ProjectRole.EDITOR);
        VersionRow row = requireVersion(model, version);
        checkTags(tags);
        if (description != null) {
            store.updateVersion(row.id(), text(description, "description", MAX_TEXT));
        }
        if (tags != null) {
            tags.forEach((k, v) -> store.setVersionTag(row.id(), k, v));
        }
        return view(model, store.versionById(row.id()).orElseThrow());
    }

    /** Owners only; the aliases it held go with it (their history stays). */
    @Transactional
    public void deleteVersion(String projectKey, String name, int version) {
        ModelRow model = lock(projectKey, name, ProjectRole.OWNER);
        store.deleteVersion(requireVersion(model, version).id());
        auditLog.record("model_version.deleted", target(projectKey, name) + "/" + version, null);
    }

    /**
     * What serving needs of a version, in one query after the access check; empty when the model, version or
     * alias does not exist. No transaction: both reads stand alone.
     */
    public Optional<ServableVersion> servable(String projectKey, String name, String alias, Integer version,
                                              ProjectRole role) {
        ProjectRef project = projects.require(projectKey, role);
        return store.served(project.id(), name, alias, version).map(s -> new ServableVersion(project.id(),
                project.key(), s.modelId(), s.name(), s.version(), s.bundleSha256()));
    }

    /** MLflow's model-versions/search: by model name (exact or ILIKE) and run IDs, any of them null. */
    @Transactional(readOnly = true)
    public List<ModelVersion> searchVersions(String projectKey, String nameEquals, String nameLike,
                                             List<String> runIds, int offset, int limit) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        List<java.util.UUID> ids = runIds == null ? null : runIds.stream().map(RunIds::parse).toList();
        Map<String, ModelRow> byName = new java.util.HashMap<>();
        return store.searchVersions(project.id(), nameEquals, nameLike, ids, offset, limit).stream()
                .map(v -> view(byName.computeIfAbsent(v.modelName(),
                        n -> store.find(project.id(), n).orElseThrow()), v.version()))
                .toList();
    }

    public Map<String, Integer> aliases(ModelRow model) {
        return store.aliases(model.id());
    }

    public RegisteredModel view(ModelRow model) {
        return new RegisteredModel(model.name(), model.projectKey(), model.description(), model.modelCard(),
                RegistryJson.policy(model.policyJson()), store.modelTags(model.id()), store.aliases(model.id()),
                store.newestVersion(model.id()).map(VersionRow::version).orElse(null), model.createdBy(),
                model.createdAt(), model.updatedAt());
    }

    public ModelVersion view(ModelRow model, VersionRow version) {
        Run run = runs.get(RunIds.format(version.runId()), ProjectRole.VIEWER);
        List<String> aliases = new java.util.ArrayList<>();
        store.aliases(model.id()).forEach((alias, v) -> {
            if (v == version.version()) {
                aliases.add(alias);
            }
        });
        if (store.newestVersion(model.id()).map(VersionRow::version).orElse(-1) == version.version()) {
            aliases.add(PolicyValidator.LATEST);
        }
        return new ModelVersion(model.name(), version.version(), run.id(), run.experimentId(), run.name(),
                version.bundleSha256(), version.bundleSize(), RegistryJson.numbers(version.metricsJson()),
                version.subgroupGapsJson() == null ? null : RegistryJson.numbers(version.subgroupGapsJson()),
                run.params(), run.inputs(), aliases, version.description(), store.versionTags(version.id()),
                version.createdBy(), version.createdAt());
    }

    private Map<String, Double> largestGaps(RunArtifact artifact) {
        try (InputStream in = runs.openArtifact(artifact)) {
            JsonNode gaps = RegistryJson.read(in).path("largestGap");
            Map<String, Double> out = new java.util.LinkedHashMap<>();
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

    static String checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException.BadRequest(field,
                    "a model name is 1 to 200 of letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    private static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > 250) {
                throw new ApiException.BadRequest("tags", "a tag key is 1 to 250 characters");
            }
            if (value != null && value.length() > MAX_TEXT) {
                throw new ApiException.BadRequest("tags." + key, "may have at most " + MAX_TEXT + " characters");
            }
        });
    }

    private static String text(String value, String field, int max) {
        String clean = Texts.blankToNull(value);
        if (clean != null && clean.length() > max) {
            throw new ApiException.BadRequest(field, "may have at most " + max + " characters");
        }
        return clean;
    }

    private static String target(String projectKey, String name) {
        return "model:" + projectKey + "/" + name;
    }

    private static ApiException notFound(String projectKey, String name) {
        return new ApiException.NotFound("model '" + name + "' in project '" + projectKey + "'");
    }
}
