package io.trainyard.server.registry;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.models.ModelVersionService;
import org.springframework.stereotype.Service;

/** What other modules (serving) may ask of the registry. */
@Service
public class ModelRegistry {

    private final ModelVersionService versions;

    ModelRegistry(ModelVersionService versions) {
        this.versions = versions;
    }

    /**
     * The version an alias points at now (or the numbered version), for a caller with at least {@code role}
     * in the project. Resolved on every call, so a changed alias takes effect at once.
     */
    public ServableVersion resolve(String projectKey, String name, String alias, Integer version,
                                   ProjectRole role) {
        return versions.servable(projectKey, name, alias, version, role).orElseThrow(() -> new ApiException.NotFound(
                (version != null ? "version " + version : "alias '" + alias + "'") + " of model '" + name + "'"));
    }
}
