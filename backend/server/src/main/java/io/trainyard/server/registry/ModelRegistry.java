package io.trainyard.server.registry;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.models.ModelVersionService;
import io.trainyard.server.registry.policy.PolicyValidator;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What other modules (serving) may ask of the registry. */
@Service
public class ModelRegistry {

    private final ModelVersionService versions;
    private final ProjectAccess projects;
    private final AliasResolutions aliases;

    ModelRegistry(ModelVersionService versions, ProjectAccess projects, AliasResolutions aliases) {
        this.versions = versions;
        this.projects = projects;
        this.aliases = aliases;
    }

    /**
     * The version an alias points at now (or the numbered version), for a caller with at least {@code role}
     * in the project. The caller's role is checked on every call; a named alias's target is cached for a few
     * seconds ({@link AliasResolutions}: a change made through this server takes effect at once).
     */
    public ServableVersion resolve(String projectKey, String name, String alias, Integer version,
                                   ProjectRole role) {
        Optional<ServableVersion> found;
        if (version == null && alias != null && !alias.equals(PolicyValidator.LATEST)) {
            ProjectRef project = projects.require(projectKey, role);
            // on a miss the query checks the role once more: one query more, and only then
            found = aliases.get(project.id(), name, alias,
                    () -> versions.servable(projectKey, name, alias, null, role));
        } else {
            found = versions.servable(projectKey, name, alias, version, role);
        }
        return found.orElseThrow(() -> new ApiException.NotFound(
                (version != null ? "version " + version : "alias '" + alias + "'") + " of model '" + name + "'"));
    }
}
