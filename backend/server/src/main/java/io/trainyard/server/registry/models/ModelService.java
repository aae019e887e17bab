package io.trainyard.server.registry.models;

import io.trainyard.client.model.CreateModelRequest;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.RegisteredModel;
import io.trainyard.client.model.UpdateModelRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
import io.trainyard.server.registry.policy.PolicyValidator;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registered models (their versions are {@link ModelVersionService}'s). Every call checks the caller's role in the
 * model's project first: viewers read, editors create and edit, owners change policies and delete.
 */
@Service
public class ModelService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    static final int MAX_TEXT = 5000;
    private static final int MAX_CARD = 100_000;

    private final ModelStore store;
    private final ProjectAccess projects;
    private final AuditLog auditLog;

    ModelService(ModelStore store, ProjectAccess projects, AuditLog auditLog) {
        this.store = store;
        this.projects = projects;
        this.auditLog = auditLog;
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

    public Map<String, Integer> aliases(ModelRow model) {
        return store.aliases(model.id());
    }

    public RegisteredModel view(ModelRow model) {
        return new RegisteredModel(model.name(), model.projectKey(), model.description(), model.modelCard(),
                RegistryJson.policy(model.policyJson()), store.modelTags(model.id()), store.aliases(model.id()),
                store.newestVersion(model.id()).map(VersionRow::version).orElse(null), model.createdBy(),
                model.createdAt(), model.updatedAt());
    }

    static String checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException.BadRequest(field,
                    "a model name is 1 to 200 of letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }

    static void checkTags(Map<String, String> tags) {
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

    static String text(String value, String field, int max) {
        String clean = Texts.blankToNull(value);
        if (clean != null && clean.length() > max) {
            throw new ApiException.BadRequest(field, "may have at most " + max + " characters");
        }
        return clean;
    }

    static String target(String projectKey, String name) {
        return "model:" + projectKey + "/" + name;
    }

    private static ApiException notFound(String projectKey, String name) {
        return new ApiException.NotFound("model '" + name + "' in project '" + projectKey + "'");
    }
}
