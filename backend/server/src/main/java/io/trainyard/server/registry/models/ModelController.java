package io.trainyard.server.registry.models;

import io.trainyard.client.model.CreateModelRequest;
import io.trainyard.client.model.CreateModelVersionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.RegisteredModel;
import io.trainyard.client.model.UpdateModelRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ModelController {

    private static final String MODELS = "/api/v1/projects/{project}/models";
    private static final String MODEL = MODELS + "/{name}";

    private final ModelService models;
    private final ModelVersionService versions;

    ModelController(ModelService models, ModelVersionService versions) {
        this.models = models;
        this.versions = versions;
    }

    @GetMapping(MODELS)
    Page<RegisteredModel> list(@PathVariable String project, @RequestParam(required = false) String nameLike,
                               @RequestParam(required = false) Integer pageSize,
                               @RequestParam(required = false) String pageToken) {
        return models.list(project, nameLike, pageSize, pageToken);
    }

    @PostMapping(MODELS)
    @ResponseStatus(HttpStatus.CREATED)
    RegisteredModel create(@PathVariable String project, @RequestBody CreateModelRequest request) {
        return models.create(project, request);
    }

    @GetMapping(MODEL)
    RegisteredModel get(@PathVariable String project, @PathVariable String name) {
        return models.get(project, name);
    }

    @PatchMapping(MODEL)
    RegisteredModel update(@PathVariable String project, @PathVariable String name,
                           @RequestBody UpdateModelRequest request) {
        return models.update(project, name, request);
    }

    record RenameRequest(String newName) {
    }

    @PostMapping(MODEL + "/rename")
    RegisteredModel rename(@PathVariable String project, @PathVariable String name,
                           @RequestBody RenameRequest request) {
        return models.rename(project, name, request.newName());
    }

    @PutMapping(MODEL + "/policy")
    RegisteredModel setPolicy(@PathVariable String project, @PathVariable String name,
                              @RequestBody PromotionPolicy policy) {
        return models.setPolicy(project, name, policy);
    }

    @DeleteMapping(MODEL)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String project, @PathVariable String name) {
        models.delete(project, name);
    }

    @GetMapping(MODEL + "/versions")
    Page<ModelVersion> versions(@PathVariable String project, @PathVariable String name,
                                @RequestParam(required = false) Integer pageSize,
                                @RequestParam(required = false) String pageToken) {
        return versions.versions(project, name, pageSize, pageToken);
    }

    @PostMapping(MODEL + "/versions")
    @ResponseStatus(HttpStatus.CREATED)
    ModelVersion createVersion(@PathVariable String project, @PathVariable String name,
                               @RequestBody CreateModelVersionRequest request) {
        return versions.createVersion(project, name, request);
    }

    @GetMapping(MODEL + "/versions/{version}")
    ModelVersion version(@PathVariable String project, @PathVariable String name, @PathVariable int version) {
        return versions.getVersion(project, name, version);
    }

    record UpdateVersionRequest(String description, Map<String, String> tags) {
    }

    @PatchMapping(MODEL + "/versions/{version}")
    ModelVersion updateVersion(@PathVariable String project, @PathVariable String name, @PathVariable int version,
                               @RequestBody UpdateVersionRequest request) {
        return versions.updateVersion(project, name, version, request.description(), request.tags());
    }

    @DeleteMapping(MODEL + "/versions/{version}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteVersion(@PathVariable String project, @PathVariable String name, @PathVariable int version) {
        versions.deleteVersion(project, name, version);
    }
}
