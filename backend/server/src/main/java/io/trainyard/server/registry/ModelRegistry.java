package io.trainyard.server.registry;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.aliases.AliasService;
import io.trainyard.server.registry.models.ModelRow;
import io.trainyard.server.registry.models.ModelService;
import io.trainyard.server.registry.models.VersionRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules (serving) may ask of the registry. */
@Service
public class ModelRegistry {

    private final ModelService models;
    private final AliasService aliases;

    ModelRegistry(ModelService models, AliasService aliases) {
        this.models = models;
        this.aliases = aliases;
    }

    /**
     * The version an alias points at now (or the numbered version), for a caller with at least {@code role}
     * in the project. Resolved on every call, so a changed alias takes effect at once.
     */
    @Transactional(readOnly = true)
    public ServableVersion resolve(String projectKey, String name, String alias, Integer version,
                                   ProjectRole role) {
        ModelRow model = models.require(projectKey, name, role);
        VersionRow row;
        if (version != null) {
            row = models.findVersion(model, version).orElseThrow(() -> new ApiException.NotFound(
                    "version " + version + " of model '" + name + "'"));
        } else {
            row = aliases.holder(model, alias).orElseThrow(() -> new ApiException.NotFound(
                    "alias '" + alias + "' of model '" + name + "'"));
        }
        return new ServableVersion(model.projectId(), model.projectKey(), model.id(), model.name(), row.version(),
                row.bundleSha256());
    }
}
