package io.trainyard.server.registry.mlflow;

import io.trainyard.client.model.CreateModelRequest;
import io.trainyard.client.model.CreateModelVersionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.RegisteredModel;
import io.trainyard.client.model.SetAliasRequest;
import io.trainyard.client.model.UpdateModelRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.registry.aliases.AliasService;
import io.trainyard.server.registry.models.ModelService;
import io.trainyard.server.registry.models.ModelVersionService;
import io.trainyard.server.tracking.MlflowEndpoint;
import io.trainyard.server.tracking.MlflowPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * MLflow's model registry API over the registry. Reads come as GET with query parameters (the Java client) or
 * POST with JSON (the Python client's searches); writes as POST/PATCH/DELETE with JSON. Stages do not exist here
 * (aliases replace them): every version's {@code current_stage} is {@code None}, and get-latest-versions
 * answers the newest version. Setting an alias goes through the alias's promotion policy: a refused or
 * pending change is an error for an MLflow client (which cannot show gate results), with the reason.
 */
@RestController
@MlflowEndpoint
@RequestMapping({MlflowPaths.API, MlflowPaths.AJAX, MlflowPaths.PROJECT_API, MlflowPaths.PROJECT_AJAX})
class MlflowRegistryController {

    private static final int MAX_RESULTS = 1000;

    private final ModelService models;
    private final ModelVersionService versions;
    private final AliasService aliases;

    MlflowRegistryController(ModelService models, ModelVersionService versions, AliasService aliases) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
    }

    record CreateModel(String name, String description, List<Map<String, String>> tags) {
    }

    @PostMapping("/registered-models/create")
    Map<String, Object> create(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody CreateModel request) {
        String key = MlflowPaths.project(project, header);
        RegisteredModel model = models.create(key, new CreateModelRequest(required(request.name(), "name"),
                request.description(), null, null, MlflowViews.tags(request.tags())));
        return Map.of("registered_model", registered(key, model));
    }

    @GetMapping("/registered-models/get")
    Map<String, Object> get(@PathVariable(required = false) String project,
                            @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                            @RequestParam String name) {
        String key = MlflowPaths.project(project, header);
        return Map.of("registered_model", registered(key, models.get(key, name)));
    }

    record Search(String filter, Integer max_results, String page_token) {
    }

    @GetMapping("/registered-models/search")
    Map<String, Object> searchGet(@PathVariable(required = false) String project,
                                  @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                  @RequestParam(required = false) String filter,
                                  @RequestParam(name = "max_results", required = false) Integer maxResults,
                                  @RequestParam(name = "page_token", required = false) String pageToken) {
        return searchModels(MlflowPaths.project(project, header), new Search(filter, maxResults, pageToken));
    }

    @PostMapping("/registered-models/search")
    Map<String, Object> searchPost(@PathVariable(required = false) String project,
                                   @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                   @RequestBody(required = false) Search search) {
        return searchModels(MlflowPaths.project(project, header), search == null ? new Search(null, null, null) : search);
    }

    private Map<String, Object> searchModels(String key, Search search) {
        RegistryFilter filter = RegistryFilter.parse(search.filter(), false);
        if (filter.nameEquals() != null) {
            // a name filter matches one model or none
            try {
                return Map.of("registered_models", List.of(registered(key, models.get(key, filter.nameEquals()))));
            } catch (ApiException.NotFound e) {
                return Map.of("registered_models", List.of());
            }
        }
        int size = maxResults(search.max_results(), 100);
        Page<RegisteredModel> page = models.list(key, filter.nameLike(), size, search.page_token());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("registered_models", page.items().stream().map(m -> registered(key, m)).toList());
        if (page.nextPageToken() != null) {
            answer.put("next_page_token", page.nextPageToken());
        }
        return answer;
    }

    record UpdateModel(String name, String description) {
    }

    @PatchMapping("/registered-models/update")
    Map<String, Object> update(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody UpdateModel request) {
        String key = MlflowPaths.project(project, header);
        RegisteredModel model = models.update(key, required(request.name(), "name"),
                new UpdateModelRequest(request.description() == null ? "" : request.description(), null, null));
        return Map.of("registered_model", registered(key, model));
    }

    record Rename(String name, String new_name) {
    }

    @PostMapping("/registered-models/rename")
    Map<String, Object> rename(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody Rename request) {
        String key = MlflowPaths.project(project, header);
        RegisteredModel model = models.rename(key, required(request.name(), "name"),
                required(request.new_name(), "new_name"));
        return Map.of("registered_model", registered(key, model));
    }

    record Named(String name) {
    }

    @DeleteMapping("/registered-models/delete")
    Map<String, Object> delete(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody Named request) {
        models.delete(MlflowPaths.project(project, header), required(request.name(), "name"));
        return Map.of();
    }

    @GetMapping("/registered-models/get-latest-versions")
    Map<String, Object> latestGet(@PathVariable(required = false) String project,
                                  @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                  @RequestParam String name,
                                  @RequestParam(required = false) List<String> stages) {
        return latest(MlflowPaths.project(project, header), name, stages);
    }

    record Latest(String name, List<String> stages) {
    }

    @PostMapping("/registered-models/get-latest-versions")
    Map<String, Object> latestPost(@PathVariable(required = false) String project,
                                   @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                   @RequestBody Latest request) {
        return latest(MlflowPaths.project(project, header), required(request.name(), "name"), request.stages());
    }

    /** Every version is in stage "None" here, so only that stage (or no stage filter) has a latest version. */
    private Map<String, Object> latest(String key, String name, List<String> stages) {
        RegisteredModel model = models.get(key, name);
        boolean noneAsked = stages == null || stages.isEmpty()
                || stages.stream().anyMatch(s -> s.equalsIgnoreCase("none"));
        if (model.latestVersion() == null || !noneAsked) {
            return Map.of("model_versions", List.of());
        }
        return Map.of("model_versions", List.of(MlflowViews.version(versions.getVersion(key, name,
                model.latestVersion()))));
    }

    record CreateVersion(String name, String source, String run_id, String description,
                         List<Map<String, String>> tags) {
    }

    @PostMapping("/model-versions/create")
    Map<String, Object> createVersion(@PathVariable(required = false) String project,
                                      @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                      @RequestBody CreateVersion request) {
        String key = MlflowPaths.project(project, header);
        if (request.run_id() == null || request.run_id().isBlank()) {
            throw new ApiException.BadRequest("run_id", "is required: a version is the model bundle of a "
                    + "succeeded Trainyard run");
        }
        ModelVersion version = versions.createVersion(key, required(request.name(), "name"),
                new CreateModelVersionRequest(request.run_id(), request.description(),
                        MlflowViews.tags(request.tags())));
        return Map.of("model_version", MlflowViews.version(version));
    }

    @GetMapping("/model-versions/get")
    Map<String, Object> getVersion(@PathVariable(required = false) String project,
                                   @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                   @RequestParam String name, @RequestParam String version) {
        return Map.of("model_version", MlflowViews.version(versions.getVersion(MlflowPaths.project(project, header),
                name, versionNumber(version))));
    }

    @GetMapping("/model-versions/get-download-uri")
    Map<String, Object> downloadUri(@PathVariable(required = false) String project,
                                    @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                    @RequestParam String name, @RequestParam String version) {
        ModelVersion v = versions.getVersion(MlflowPaths.project(project, header), name, versionNumber(version));
        return Map.of("artifact_uri", MlflowViews.source(v));
    }

    @GetMapping("/model-versions/search")
    Map<String, Object> searchVersionsGet(@PathVariable(required = false) String project,
                                          @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                          @RequestParam(required = false) String filter,
                                          @RequestParam(name = "max_results", required = false) Integer maxResults,
                                          @RequestParam(name = "page_token", required = false) String pageToken) {
        return searchVersions(MlflowPaths.project(project, header), new Search(filter, maxResults, pageToken));
    }

    @PostMapping("/model-versions/search")
    Map<String, Object> searchVersionsPost(@PathVariable(required = false) String project,
                                           @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                           @RequestBody(required = false) Search search) {
        return searchVersions(MlflowPaths.project(project, header),
                search == null ? new Search(null, null, null) : search);
    }

    private Map<String, Object> searchVersions(String key, Search search) {
        RegistryFilter filter = RegistryFilter.parse(search.filter(), true);
        int size = maxResults(search.max_results(), 10_000);
        int offset = PageToken.decodeOffset(search.page_token(), Integer.MAX_VALUE - size);
        List<ModelVersion> found = versions.searchVersions(key, filter.nameEquals(), filter.nameLike(),
                filter.runIds(), offset, size + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Map<String, Object>> views = new ArrayList<>();
        found.stream().limit(size).forEach(v -> views.add(MlflowViews.version(v)));
        answer.put("model_versions", views);
        if (found.size() > size) {
            answer.put("next_page_token", PageToken.encodeOffset(offset + size));
        }
        return answer;
    }

    record UpdateVersion(String name, String version, String description) {
    }

    @PatchMapping("/model-versions/update")
    Map<String, Object> updateVersion(@PathVariable(required = false) String project,
                                      @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                      @RequestBody UpdateVersion request) {
        ModelVersion v = versions.updateVersion(MlflowPaths.project(project, header), required(request.name(), "name"),
                versionNumber(request.version()), request.description() == null ? "" : request.description(), null);
        return Map.of("model_version", MlflowViews.version(v));
    }

    record NamedVersion(String name, String version) {
    }

    @DeleteMapping("/model-versions/delete")
    Map<String, Object> deleteVersion(@PathVariable(required = false) String project,
                                      @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                      @RequestBody NamedVersion request) {
        versions.deleteVersion(MlflowPaths.project(project, header), required(request.name(), "name"),
                versionNumber(request.version()));
        return Map.of();
    }

    record Alias(String name, String alias, String version) {
    }

    @PostMapping("/registered-models/alias")
    Map<String, Object> setAlias(@PathVariable(required = false) String project,
                                 @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                 @RequestBody Alias request) {
        var result = aliases.set(MlflowPaths.project(project, header), required(request.name(), "name"),
                required(request.alias(), "alias"), new SetAliasRequest(versionNumber(request.version()), null));
        if (result.outcome().equals("refused")) {
            throw new ApiException.BadRequest("version", "version " + result.version() + " does not meet the policy"
                    + " of alias '" + result.alias() + "': " + result.gates().stream().filter(g -> !g.passed())
                    .map(g -> g.detail()).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        if (result.outcome().equals("pending")) {
            throw new ApiException.Conflict("alias '" + result.alias() + "' requires an owner's approval: the change"
                    + " to version " + result.version() + " is waiting for it (request " + result.requestId() + ")");
        }
        return Map.of();
    }

    @DeleteMapping("/registered-models/alias")
    Map<String, Object> deleteAlias(@PathVariable(required = false) String project,
                                    @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                    @RequestBody(required = false) Alias body,
                                    @RequestParam(required = false) String name,
                                    @RequestParam(required = false) String alias) {
        aliases.delete(MlflowPaths.project(project, header), required(body != null ? body.name() : name, "name"),
                required(body != null ? body.alias() : alias, "alias"));
        return Map.of();
    }

    @GetMapping("/registered-models/alias")
    Map<String, Object> getAlias(@PathVariable(required = false) String project,
                                 @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                 @RequestParam String name, @RequestParam String alias) {
        return Map.of("model_version", MlflowViews.version(aliases.resolve(MlflowPaths.project(project, header),
                name, alias)));
    }

    private Map<String, Object> registered(String key, RegisteredModel model) {
        ModelVersion latest = model.latestVersion() == null ? null
                : versions.getVersion(key, model.name(), model.latestVersion());
        return MlflowViews.registered(model, latest);
    }

    private static int maxResults(Integer requested, int fallback) {
        if (requested == null) {
            return Math.min(fallback, MAX_RESULTS);
        }
        if (requested < 1 || requested > MAX_RESULTS) {
            throw new ApiException.BadRequest("max_results", "must be between 1 and " + MAX_RESULTS);
        }
        return requested;
    }

    private static int versionNumber(String version) {
        try {
            return Integer.parseInt(required(version, "version").strip());
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("version", "'" + version + "' is not a version number");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException.BadRequest(field, "Missing value for required parameter '" + field + "'");
        }
        return value;
    }
}
