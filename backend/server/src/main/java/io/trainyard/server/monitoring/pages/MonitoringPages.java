package io.trainyard.server.monitoring.pages;

import io.trainyard.client.model.CreateMonitorRequest;
import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.DriftThresholds;
import io.trainyard.client.model.Monitor;
import io.trainyard.client.model.MonitorWindow;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.monitoring.evaluation.MonitorEvaluations;
import io.trainyard.server.monitoring.evaluation.ReportStore;
import io.trainyard.server.monitoring.monitors.MonitorRow;
import io.trainyard.server.monitoring.monitors.MonitorService;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Monitoring in the browser: the overview with status badges, a new-monitor form, and each monitor's page. */
@Controller
class MonitoringPages {

    private static final int TIMELINE_REPORTS = 200;

    private final ProjectAccess projects;
    private final MonitorService monitors;
    private final MonitorEvaluations evaluations;
    private final ReportStore reports;
    private final JsonMapper json;

    MonitoringPages(ProjectAccess projects, MonitorService monitors, MonitorEvaluations evaluations,
                    ReportStore reports, JsonMapper json) {
        this.json = json;
        this.projects = projects;
        this.monitors = monitors;
        this.evaluations = evaluations;
        this.reports = reports;
    }

    @GetMapping("/projects/{project}/monitoring")
    String overview(@PathVariable String project, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("monitors", monitors.list(project));
        return "monitoring/overview";
    }

    @PostMapping("/projects/{project}/monitoring")
    String create(@PathVariable String project, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String model, @RequestParam(defaultValue = "") String alias,
                  @RequestParam(defaultValue = "duration") String windowKind,
                  @RequestParam(defaultValue = "") String windowValue,
                  @RequestParam(defaultValue = "") String schedule,
                  @RequestParam(defaultValue = "") String referenceDataset,
                  @RequestParam(required = false) Integer referenceVersion,
                  @RequestParam(required = false) Double driftShare,
                  @RequestParam(defaultValue = "none") String action, RedirectAttributes redirect) {
        try {
            MonitorWindow window = windowKind.equals("last")
                    ? new MonitorWindow(null, parseCount(windowValue), null, null)
                    : new MonitorWindow(blankToNull(windowValue), null, null, null);
            DatasetSelector reference = referenceDataset.isBlank() ? null
                    : new DatasetSelector(referenceDataset.strip(), referenceVersion);
            DriftThresholds thresholds = driftShare == null ? null
                    : new DriftThresholds(driftShare, null, null, null, null, null, null, null, null, null);
            Monitor created = monitors.create(project, new CreateMonitorRequest(name.strip(), model.strip(),
                    alias.strip(), reference, window, blankToNull(schedule), thresholds, action, null));
            redirect.addFlashAttribute("flash", "Monitor created.");
            return "redirect:/projects/" + project + "/monitoring/" + created.id();
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/projects/" + project + "/monitoring";
        }
    }

    @GetMapping("/projects/{project}/monitoring/{id}")
    String monitor(@PathVariable String project, @PathVariable long id,
                   @RequestParam(required = false) Long report, Model model) {
        MonitorRow monitor = require(project, id, ProjectRole.VIEWER);
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        List<DriftReport> recent = reports.list(id, Long.MAX_VALUE, TIMELINE_REPORTS);
        DriftReport shown = report == null ? recent.stream().findFirst().orElse(null)
                : reports.find(id, report).orElseThrow(() -> new ApiException.NotFound("report " + report));
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("monitor", monitor.view());
        model.addAttribute("view", ReportView.of(shown));
        model.addAttribute("recent", recent.stream().limit(20).toList());
        DriftTimeline timeline = DriftTimeline.of(recent);
        model.addAttribute("timeline", timeline);
        model.addAttribute("timelineJson", json.writeValueAsString(timeline));
        model.addAttribute("transitions", reports.transitions(id, 20));
        return "monitoring/monitor";
    }

    @PostMapping("/projects/{project}/monitoring/{id}/evaluate")
    String evaluate(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
        require(project, id, ProjectRole.EDITOR);
        DriftReport report = evaluations.evaluateNow(id, null);
        redirect.addFlashAttribute("flash", "Evaluated: " + report.status().replace('_', ' ') + ".");
        return "redirect:/projects/" + project + "/monitoring/" + id;
    }

    @PostMapping("/projects/{project}/monitoring/{id}/delete")
    String delete(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
        require(project, id, ProjectRole.EDITOR);
        monitors.delete(id);
        redirect.addFlashAttribute("flash", "Monitor deleted.");
        return "redirect:/projects/" + project + "/monitoring";
    }

    /** The monitor, which must belong to the project in the URL. */
    private MonitorRow require(String project, long id, ProjectRole role) {
        MonitorRow monitor = monitors.require(id, role);
        if (!monitor.projectKey().equals(project)) {
            throw new ApiException.NotFound("monitor " + id);
        }
        return monitor;
    }

    private static Integer parseCount(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("window.last", "'" + text + "' is not a whole number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
