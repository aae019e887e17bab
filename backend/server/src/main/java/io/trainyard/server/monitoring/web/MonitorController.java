package io.trainyard.server.monitoring.web;

import io.trainyard.client.model.CreateMonitorRequest;
import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.EvaluateMonitorRequest;
import io.trainyard.client.model.Monitor;
import io.trainyard.client.model.MonitorTransition;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.monitoring.evaluation.MonitorEvaluations;
import io.trainyard.server.monitoring.evaluation.ReportStore;
import io.trainyard.server.monitoring.monitors.MonitorService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MonitorController {

    private final MonitorService monitors;
    private final MonitorEvaluations evaluations;
    private final ReportStore reports;

    MonitorController(MonitorService monitors, MonitorEvaluations evaluations, ReportStore reports) {
        this.monitors = monitors;
        this.evaluations = evaluations;
        this.reports = reports;
    }

    @GetMapping("/api/v1/projects/{project}/monitors")
    List<Monitor> list(@PathVariable String project) {
        return monitors.list(project);
    }

    @PostMapping("/api/v1/projects/{project}/monitors")
    @ResponseStatus(HttpStatus.CREATED)
    Monitor create(@PathVariable String project, @RequestBody CreateMonitorRequest request) {
        return monitors.create(project, request);
    }

    @GetMapping("/api/v1/monitors/{id}")
    Monitor get(@PathVariable long id) {
        return monitors.require(id, ProjectRole.VIEWER).view();
    }

    @DeleteMapping("/api/v1/monitors/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        monitors.delete(id);
    }

    /** Evaluates now (editors); the body is optional. */
    @PostMapping("/api/v1/monitors/{id}/evaluate")
    DriftReport evaluate(@PathVariable long id, @RequestBody(required = false) EvaluateMonitorRequest request) {
        return evaluations.evaluateNow(id, request == null ? null : request.current());
    }

    @GetMapping("/api/v1/monitors/{id}/reports")
    Page<DriftReport> reports(@PathVariable long id, @RequestParam(required = false) Integer pageSize,
                              @RequestParam(required = false) String pageToken) {
        monitors.require(id, ProjectRole.VIEWER);
        int size = PageToken.clampPageSize(pageSize);
        return PageToken.page(reports.list(id, PageToken.decodeBelow(pageToken), size + 1), size, r -> r,
                r -> Long.toString(r.id()));
    }

    @GetMapping("/api/v1/monitors/{id}/reports/{reportId}")
    DriftReport report(@PathVariable long id, @PathVariable long reportId) {
        monitors.require(id, ProjectRole.VIEWER);
        return reports.find(id, reportId).orElseThrow(() -> new ApiException.NotFound("report " + reportId));
    }

    /** State changes (alerts), newest first. */
    @GetMapping("/api/v1/monitors/{id}/transitions")
    List<MonitorTransition> transitions(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        monitors.require(id, ProjectRole.VIEWER);
        return reports.transitions(id, Math.max(1, Math.min(limit, 500)));
    }
}
