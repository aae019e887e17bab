package io.trainyard.server.tracking.mlflow;

import io.trainyard.server.tracking.MlflowEndpoint;

import io.trainyard.server.tracking.MlflowPaths;

import io.trainyard.client.model.Experiment;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.tracking.experiments.ExperimentRow;
import io.trainyard.server.tracking.experiments.ExperimentService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** MLflow's experiment endpoints over our experiments. */
@RestController
@MlflowEndpoint
@RequestMapping({MlflowPaths.API, MlflowPaths.AJAX, MlflowPaths.PROJECT_API, MlflowPaths.PROJECT_AJAX})
class MlflowExperimentsController {

    /** MLflow's experiment search filters: {@code name LIKE '...'} (or =, ILIKE). */
    private static final Pattern NAME_FILTER =
            Pattern.compile("(?i)^\\s*(?:attributes?\\.)?name\\s*(=|LIKE|ILIKE)\\s*(['\"])(.*)\\2\\s*$");

    private final ExperimentService experiments;

    MlflowExperimentsController(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @PostMapping("/experiments/create")
    @Transactional
    Map<String, Object> create(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody MlflowMessages.CreateExperiment request) {
        ExperimentRow row = experiments.create(MlflowPaths.project(project, header), request.name(), null);
        if (request.tags() != null) {
            request.tags().forEach(tag -> experiments.setTag(Long.toString(row.id()), tag.key(), tag.value()));
        }
        return Map.of("experiment_id", Long.toString(row.id()));
    }

    @GetMapping("/experiments/get")
    Map<String, Object> get(@RequestParam("experiment_id") String experimentId) {
        return Map.of("experiment", view(experiments.require(experimentId, ProjectRole.VIEWER)));
    }

    @GetMapping("/experiments/get-by-name")
    Map<String, Object> getByName(@PathVariable(required = false) String project,
                                  @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                  @RequestParam("experiment_name") String name) {
        return Map.of("experiment", view(experiments.requireByName(MlflowPaths.project(project, header), name)));
    }

    @PostMapping("/experiments/search")
    Map<String, Object> search(@PathVariable(required = false) String project,
                               @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                               @RequestBody MlflowMessages.SearchExperiments request) {
        return searchExperiments(MlflowPaths.project(project, header), request.viewType(), request.filter(),
                request.maxResults(), request.pageToken());
    }

    @GetMapping("/experiments/search")
    Map<String, Object> searchByGet(@PathVariable(required = false) String project,
                                    @RequestHeader(name = MlflowPaths.PROJECT_HEADER, required = false) String header,
                                    @RequestParam(name = "view_type", required = false) String viewType,
                                    @RequestParam(required = false) String filter,
                                    @RequestParam(name = "max_results", required = false) Integer maxResults,
                                    @RequestParam(name = "page_token", required = false) String pageToken) {
        return searchExperiments(MlflowPaths.project(project, header), viewType, filter, maxResults, pageToken);
    }

    @PostMapping("/experiments/update")
    Map<String, Object> update(@RequestBody MlflowMessages.UpdateExperiment request) {
        experiments.update(request.experimentId(), request.newName(), null);
        return Map.of();
    }

    @PostMapping("/experiments/delete")
    Map<String, Object> delete(@RequestBody MlflowMessages.ExperimentRef request) {
        experiments.delete(request.experimentId());
        return Map.of();
    }

    @PostMapping("/experiments/restore")
    Map<String, Object> restore(@RequestBody MlflowMessages.ExperimentRef request) {
        experiments.restore(request.experimentId());
        return Map.of();
    }

    @PostMapping("/experiments/set-experiment-tag")
    Map<String, Object> setTag(@RequestBody MlflowMessages.SetExperimentTag request) {
        experiments.setTag(request.experimentId(), request.key(), request.value());
        return Map.of();
    }

    private Map<String, Object> searchExperiments(String projectKey, String viewType, String filter,
                                                  Integer maxResults, String pageToken) {
        String nameLike = null;
        if (filter != null && !filter.isBlank()) {
            Matcher matcher = NAME_FILTER.matcher(filter);
            if (!matcher.matches()) {
                throw new ApiException.BadRequest("filter", "experiment search supports name = / LIKE / ILIKE "
                        + "'<pattern>'; got: " + filter);
            }
            String value = matcher.group(3);
            nameLike = "=".equals(matcher.group(1)) ? value.replace("%", "\\%").replace("_", "\\_") : value;
        }
        Page<Experiment> page = experiments.list(projectKey, lifecycle(viewType), nameLike,
                maxResults == null ? 1000 : maxResults, pageToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiments", page.items().stream().map(MlflowViews::experiment).toList());
        if (page.nextPageToken() != null) {
            body.put("next_page_token", page.nextPageToken());
        }
        return body;
    }

    /** MLflow's view types: ACTIVE_ONLY (default), DELETED_ONLY, ALL. */
    static String lifecycle(String viewType) {
        if (viewType == null) {
            return "active";
        }
        return switch (viewType.toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY", "1" -> "active";
            case "DELETED_ONLY", "2" -> "deleted";
            case "ALL", "3" -> null;
            default -> throw new ApiException.BadRequest("view_type", "must be ACTIVE_ONLY, DELETED_ONLY or ALL");
        };
    }

    private MlflowMessages.Experiment view(ExperimentRow row) {
        return MlflowViews.experiment(experiments.view(row));
    }

    static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
