package io.trainyard.server.monitoring.pages;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.monitoring.drift.DatasetDriftComparison;
import io.trainyard.server.security.ProjectAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Ad hoc drift in the browser: pick two dataset versions, read the report. The report alone is also served
 * as a fragment, which the dataset diff page loads so both pages show the same report.
 */
@Controller
class DriftPages {

    private static final int PICKER_DATASETS = 200;

    private final ProjectAccess projects;
    private final DatasetVersions datasets;
    private final DatasetDriftComparison comparison;

    DriftPages(ProjectAccess projects, DatasetVersions datasets, DatasetDriftComparison comparison) {
        this.projects = projects;
        this.datasets = datasets;
        this.comparison = comparison;
    }

    @GetMapping("/projects/{project}/drift")
    String page(@PathVariable String project, @RequestParam(required = false) String reference,
                @RequestParam(required = false) Integer referenceVersion,
                @RequestParam(required = false) String current, @RequestParam(required = false) Integer currentVersion,
                Model model) {
        model.addAttribute("project", projects.require(project, ProjectRole.VIEWER));
        model.addAttribute("datasets", datasets.datasets(project, PICKER_DATASETS));
        model.addAttribute("reference", reference);
        model.addAttribute("referenceVersion", referenceVersion);
        model.addAttribute("current", current);
        model.addAttribute("currentVersion", currentVersion);
        if (reference != null && current != null) {
            compare(project, reference, referenceVersion, current, currentVersion, model);
        }
        return "monitoring/drift";
    }

    @GetMapping("/projects/{project}/drift/report")
    String fragment(@PathVariable String project, @RequestParam String reference,
                    @RequestParam Integer referenceVersion, @RequestParam String current,
                    @RequestParam Integer currentVersion, Model model) {
        compare(project, reference, referenceVersion, current, currentVersion, model);
        return "monitoring/report :: report";
    }

    private void compare(String project, String reference, Integer referenceVersion, String current,
                         Integer currentVersion, Model model) {
        try {
            model.addAttribute("view", ReportView.of(comparison.compare(project, new DriftRequest(
                    new DatasetSelector(reference, referenceVersion), new DatasetSelector(current, currentVersion),
                    null))));
        } catch (ApiException.BadRequest e) {
            model.addAttribute("driftError", e.getMessage());
        }
    }
}
