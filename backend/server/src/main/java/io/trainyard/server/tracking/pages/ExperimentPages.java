package io.trainyard.server.tracking.pages;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.tracking.experiments.ExperimentRow;
import io.trainyard.server.tracking.experiments.ExperimentService;
import io.trainyard.server.tracking.runs.RunSearch;
import io.trainyard.server.tracking.runs.RunService;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A project's experiments (list and create) and an experiment's runs table. */
@Controller
class ExperimentPages {

    static final int RUNS_PER_PAGE = 25;

    private final ExperimentService experiments;
    private final RunSearch search;
    private final RunService runs;
    private final ProjectAccess projects;

    ExperimentPages(ExperimentService experiments, RunSearch search, RunService runs, ProjectAccess projects) {
        this.experiments = experiments;
        this.search = search;
        this.runs = runs;
        this.projects = projects;
    }

    @GetMapping("/projects/{project}/experiments")
    String list(@PathVariable String project, @RequestParam(required = false) String pageToken, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("experiments", experiments.list(project, "active", null, 50, pageToken));
        if (!model.containsAttribute("name")) {
            model.addAttribute("name", "");
            model.addAttribute("description", "");
        }
        return "tracking/experiments";
    }

    @PostMapping("/projects/{project}/experiments")
    String create(@PathVariable String project, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String description, Model model) {
        try {
            ExperimentRow created = experiments.create(project, name, description);
            return "redirect:/experiments/" + created.id();
        } catch (ApiException.BadRequest | ApiException.Conflict e) {
            model.addAttribute("name", name);
            model.addAttribute("description", description);
            model.addAttribute("nameError", e.fieldProblems().isEmpty() ? e.getMessage()
                    : e.fieldProblems().get(0).message());
            return list(project, null, model);
        }
    }

    /**
     * The runs table. {@code metrics} and {@code params} choose the columns (comma separated; by default
     * the keys the page's runs have), {@code orderBy} is one MLflow order clause such as {@code metrics.f1 DESC}.
     */
    @GetMapping("/experiments/{id}")
    String experiment(@PathVariable String id, @RequestParam(required = false) String filter,
                      @RequestParam(required = false) String orderBy,
                      @RequestParam(required = false) String metrics, @RequestParam(required = false) String params,
                      @RequestParam(required = false) String pageToken, Model model) {
        ExperimentRow experiment = experiments.require(id, ProjectRole.VIEWER);
        RunsTable.Query query = new RunsTable.Query(id, blankToNull(filter), blankToNull(orderBy),
                RunsTable.keys(metrics), RunsTable.keys(params), blankToNull(pageToken));
        List<Run> page = List.of();
        String next = null;
        String error = null;
        try {
            RunSearch.SearchPage found = search.searchRows(List.of(experiment.projectKey()), List.of(id),
                    query.filter(), query.orderBy() == null ? List.of() : List.of(query.orderBy()), "active",
                    RUNS_PER_PAGE, query.pageToken());
            page = runs.views(found.runs());
            next = found.nextPageToken();
        } catch (ApiException.BadRequest e) {
            error = e.getMessage();
        }
        model.addAttribute("project", projects.require(experiment.projectKey(), ProjectRole.VIEWER));
        model.addAttribute("experiment", experiments.view(experiment));
        model.addAttribute("table", RunsTable.of(query, page, next));
        model.addAttribute("filterError", error);
        model.addAttribute("maxCompare", RunPages.MAX_COMPARE);
        return "tracking/experiment";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
