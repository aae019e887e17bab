package io.trainyard.server.tracking.pages;

import io.trainyard.client.model.MetricHistory;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.client.model.RunInput;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.tracking.artifacts.ArtifactService;
import io.trainyard.server.tracking.experiments.ExperimentService;
import io.trainyard.server.tracking.metrics.MetricService;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/** A run's page with its charts' data, live updates and artifacts; the compare view of several runs. */
@Controller
class RunPages {

    static final int MAX_COMPARE = 20;
    /** What a chart asks for when it does not say: about a wide chart's width in pixels. */
    static final int DEFAULT_CHART_POINTS = 1000;

    private final RunService runs;
    private final ExperimentService experiments;
    private final MetricService metrics;
    private final ArtifactService artifacts;
    private final ProjectAccess projects;
    private final RunEvents events;
    private final RunEvaluation evaluation;
    private final JsonMapper json;

    RunPages(RunService runs, ExperimentService experiments, MetricService metrics, ArtifactService artifacts,
             ProjectAccess projects, RunEvents events, RunEvaluation evaluation, JsonMapper json) {
        this.runs = runs;
        this.experiments = experiments;
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.projects = projects;
        this.events = events;
        this.evaluation = evaluation;
        this.json = json;
    }

    record InputView(String label, String link, String digest, String context) {
    }

    record MetricView(String key, String latest) {
    }

    record ArtifactView(String path, String size, String mediaType, String url) {
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable String id, Model model) {
        RunRow row = runs.require(id, ProjectRole.VIEWER);
        Run run = runs.view(row);
        model.addAttribute("project", projects.require(row.projectKey(), ProjectRole.VIEWER));
        model.addAttribute("experiment", experiments.require(run.experimentId(), ProjectRole.VIEWER));
        model.addAttribute("run", run);
        model.addAttribute("status", run.status().wireName());
        model.addAttribute("live", !run.status().terminal());
        model.addAttribute("started", PageFormat.instant(run.startedAt()));
        model.addAttribute("ended", PageFormat.instant(run.endedAt()));
        model.addAttribute("params", new TreeMap<>(run.params()));
        model.addAttribute("tags", new TreeMap<>(run.tags()));
        model.addAttribute("inputs", run.inputs().stream().map(input -> input(run.project(), input)).toList());
        model.addAttribute("metrics", new TreeMap<>(run.latestMetrics()).entrySet().stream()
                .map(e -> new MetricView(e.getKey(), PageFormat.number(e.getValue()))).toList());
        List<RunArtifact> stored = artifacts.list(id, null);
        model.addAttribute("training", run.tags().containsKey("trainyard.config"));
        model.addAttribute("evaluation", evaluation.of(run, stored));
        model.addAttribute("cloneUrl", "/projects/" + UriUtils.encodePathSegment(run.project(), "UTF-8")
                + "/training-runs/new?clone=" + run.id());
        model.addAttribute("artifacts", stored.stream()
                .map(a -> new ArtifactView(a.path(), PageFormat.size(a.sizeBytes()), a.mediaType(),
                        "/runs/" + run.id() + "/artifacts/" + UriUtils.encodePath(a.path(), "UTF-8")))
                .toList());
        return "tracking/run";
    }

    private static InputView input(String project, RunInput input) {
        if (input.dataset() != null && input.version() != null) {
            return new InputView(input.dataset() + " v" + input.version(),
                    "/projects/" + UriUtils.encodePathSegment(project, "UTF-8") + "/datasets/"
                            + UriUtils.encodePathSegment(input.dataset(), "UTF-8") + "/versions/" + input.version(),
                    input.digest(), input.context());
        }
        return new InputView(input.name() == null ? "(unnamed)" : input.name(), null, input.digest(), input.context());
    }

    /** A metric's history for a chart, downsampled to about {@code maxPoints} (the chart's width). */
    @GetMapping(path = "/runs/{id}/metric-history", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    MetricHistory history(@PathVariable String id, @RequestParam String key,
                          @RequestParam(required = false) Integer maxPoints) {
        return metrics.history(id, key, chartPoints(maxPoints));
    }

    /** The same metric of several runs at once, for the compare view's overlaid curves. */
    @GetMapping(path = "/runs/compare/metric-history", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<MetricHistory> compareHistory(@RequestParam List<String> ids, @RequestParam String key,
                                       @RequestParam(required = false) Integer maxPoints) {
        if (ids.size() > MAX_COMPARE) {
            throw new ApiException.BadRequest("ids", "at most " + MAX_COMPARE + " runs can be compared");
        }
        List<MetricHistory> result = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                result.add(metrics.history(id, key, chartPoints(maxPoints)));
            } catch (ApiException.NotFound e) {
                // this run has no such metric (or is not visible): no curve for it
            }
        }
        return result;
    }

    private static int chartPoints(Integer maxPoints) {
        int points = maxPoints == null ? DEFAULT_CHART_POINTS : maxPoints;
        return Math.max(2, Math.min(points, MetricService.MAX_HISTORY_POINTS));
    }

    /** Server-sent events while the run is running: see {@link RunEvents}. 503 when too many are open. */
    @GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable String id) {
        RunRow run = runs.require(id, ProjectRole.VIEWER);
        return events.subscribe(run.id()).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build());
    }

    /** The browser's artifact download (the API's needs a token; pages use the session). */
    @GetMapping("/runs/{id}/artifacts/{*path}")
    ResponseEntity<InputStreamResource> artifact(@PathVariable String id, @PathVariable String path) {
        String clean = path.startsWith("/") ? path.substring(1) : path;
        if (clean.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/runs/" + id).build();
        }
        RunArtifact artifact = artifacts.get(id, clean);
        String fileName = clean.substring(clean.lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                // served as a download whatever was stored, so an HTML artifact never runs on our origin
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(artifact.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName,
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(new InputStreamResource(artifacts.open(artifact)));
    }

    record DiffRow(String key, List<String> values, boolean differs) {
    }

    @GetMapping("/runs/compare")
    String compare(@RequestParam(required = false) List<String> ids, @RequestParam(required = false) String metric,
                   Model model) {
        List<String> distinct = ids == null ? List.of()
                : ids.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                        .toList();
        if (distinct.size() < 2 || distinct.size() > MAX_COMPARE) {
            model.addAttribute("compareError", distinct.size() < 2
                    ? "Select at least 2 runs to compare."
                    : "Select at most " + MAX_COMPARE + " runs to compare; " + distinct.size() + " were selected.");
            model.addAttribute("runs", List.of());
            return "tracking/compare";
        }
        List<RunRow> rows = distinct.stream().map(id -> runs.require(id, ProjectRole.VIEWER)).toList();
        List<Run> views = runs.views(rows);
        TreeSet<String> metricKeys = new TreeSet<>();
        TreeSet<String> paramKeys = new TreeSet<>();
        views.forEach(run -> {
            metricKeys.addAll(run.latestMetrics().keySet());
            paramKeys.addAll(run.params().keySet());
        });
        String chosen = metric != null && metricKeys.contains(metric) ? metric
                : metricKeys.isEmpty() ? null : metricKeys.first();
        List<DiffRow> diff = new ArrayList<>();
        for (String key : paramKeys) {
            List<String> values = views.stream().map(run -> run.params().get(key)).toList();
            boolean differs = values.stream().distinct().count() > 1;
            diff.add(new DiffRow(key, values.stream().map(v -> v == null ? "—" : v).toList(), differs));
        }
        model.addAttribute("runs", views);
        model.addAttribute("ids", views.stream().map(Run::id).toList());
        model.addAttribute("idsCsv", String.join(",", views.stream().map(Run::id).toList()));
        model.addAttribute("metricKeys", List.copyOf(metricKeys));
        model.addAttribute("metric", chosen);
        model.addAttribute("diff", diff);
        model.addAttribute("differing", diff.stream().filter(DiffRow::differs).count());
        model.addAttribute("parallel", json.writeValueAsString(parallel(views, paramKeys, chosen)));
        model.addAttribute("experimentId", views.get(0).experimentId());
        return "tracking/compare";
    }

    /** The parallel-coordinates plot's data: each run's params and the chosen metric's latest value. */
    private static Map<String, Object> parallel(List<Run> views, TreeSet<String> paramKeys, String metric) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Run run : views) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", run.id());
            line.put("name", run.name());
            line.put("params", run.params());
            Double value = metric == null ? null : run.latestMetrics().get(metric);
            line.put("value", value == null || value.isNaN() || value.isInfinite() ? null : value);
            lines.add(line);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("params", List.copyOf(paramKeys));
        data.put("metric", metric);
        data.put("runs", lines);
        return data;
    }
}
