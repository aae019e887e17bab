package io.trainyard.server.tracking.mlflow;

import io.trainyard.server.tracking.MlflowEndpoint;

import io.trainyard.server.tracking.MlflowPaths;

import io.trainyard.client.model.MetricHistory;
import io.trainyard.client.model.MetricPoint;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.RunStatus;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.tracking.metrics.MetricService;
import io.trainyard.server.tracking.runs.RunInputRow;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunSearch;
import io.trainyard.server.tracking.runs.RunService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** MLflow's run and metric endpoints, with MLflow's limits. */
@RestController
@MlflowEndpoint
@RequestMapping({MlflowPaths.API, MlflowPaths.AJAX, MlflowPaths.PROJECT_API, MlflowPaths.PROJECT_AJAX})
class MlflowRunsController {

    static final int MAX_BATCH_METRICS = 1000;
    static final int MAX_BATCH_PARAMS = 100;
    static final int MAX_BATCH_TAGS = 100;
    static final long MAX_BATCH_BYTES = 1024 * 1024;

    private final RunService runs;
    private final MetricService metrics;
    private final RunSearch search;
    private final MlflowViews views;

    MlflowRunsController(RunService runs, MetricService metrics, RunSearch search, MlflowViews views) {
        this.runs = runs;
        this.metrics = metrics;
        this.search = search;
        this.views = views;
    }

    @PostMapping("/runs/create")
    Map<String, Object> create(@RequestBody MlflowMessages.CreateRun request) {
        String experimentId = request.experimentId() == null ? "0" : request.experimentId();
        RunRow run = runs.create(experimentId, request.runName(), RunStatus.RUNNING,
                request.startTime() == null ? null : Instant.ofEpochMilli(request.startTime()), Map.of(),
                tags(request.tags()), null);
        return Map.of("run", views.run(run));
    }

    @GetMapping("/runs/get")
    Map<String, Object> get(@RequestParam(name = "run_id", required = false) String runId,
                            @RequestParam(name = "run_uuid", required = false) String runUuid) {
        return Map.of("run", views.run(runs.require(required(runId != null ? runId : runUuid), ProjectRole.VIEWER)));
    }

    @PostMapping("/runs/update")
    Map<String, Object> update(@RequestBody MlflowMessages.UpdateRun request) {
        RunStatus status;
        try {
            status = request.status() == null ? null : RunStatus.parse(request.status());
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("status", e.getMessage());
        }
        RunRow run = runs.update(required(request.id()), status,
                request.endTime() == null ? null : Instant.ofEpochMilli(request.endTime()), request.runName(),
                Map.of());
        return Map.of("run_info", MlflowViews.info(run));
    }

    @PostMapping("/runs/delete")
    Map<String, Object> delete(@RequestBody MlflowMessages.RunRef request) {
        runs.delete(required(request.id()));
        return Map.of();
    }

    @PostMapping("/runs/restore")
    Map<String, Object> restore(@RequestBody MlflowMessages.RunRef request) {
        runs.restore(required(request.id()));
        return Map.of();
    }

    @PostMapping("/runs/log-metric")
    Map<String, Object> logMetric(@RequestBody MlflowMessages.LogMetric request) {
        metrics.log(required(request.id()), List.of(new MetricPoint(request.key(), request.value(), request.step(),
                request.timestamp())), 1);
        return Map.of();
    }

    @PostMapping("/runs/log-parameter")
    Map<String, Object> logParam(@RequestBody MlflowMessages.LogParam request) {
        runs.logParams(required(request.id()), single("key", request.key(), request.value()));
        return Map.of();
    }

    @PostMapping("/runs/set-tag")
    Map<String, Object> setTag(@RequestBody MlflowMessages.SetTag request) {
        String runId = required(request.id());
        Map<String, String> tag = single("key", request.key(), request.value());
        runs.setTags(runId, tag);
        if ("mlflow.runName".equals(request.key())) {
            runs.update(runId, null, null, request.value(), Map.of());
        }
        return Map.of();
    }

    @PostMapping("/runs/delete-tag")
    Map<String, Object> deleteTag(@RequestBody MlflowMessages.DeleteTag request) {
        runs.deleteTag(required(request.runId()), request.key());
        return Map.of();
    }

    /** All or nothing, within MLflow's limits; each limit is named when exceeded. */
    @PostMapping("/runs/log-batch")
    @Transactional
    Map<String, Object> logBatch(@RequestBody MlflowMessages.LogBatch request, HttpServletRequest http) {
        if (http.getContentLengthLong() > MAX_BATCH_BYTES) {
            throw new ApiException.BadRequest("request", "the body has " + http.getContentLengthLong()
                    + " bytes; log-batch accepts at most 1 MB");
        }
        String runId = required(request.runId());
        List<MlflowMessages.Metric> metricList = orEmpty(request.metrics());
        List<MlflowMessages.KeyValue> params = orEmpty(request.params());
        List<MlflowMessages.KeyValue> tagList = orEmpty(request.tags());
        limit("metrics", metricList.size(), MAX_BATCH_METRICS);
        limit("params", params.size(), MAX_BATCH_PARAMS);
        limit("tags", tagList.size(), MAX_BATCH_TAGS);
        Map<String, String> paramMap = new LinkedHashMap<>();
        for (MlflowMessages.KeyValue param : params) {
            String before = paramMap.putIfAbsent(required(param.key(), "params.key"), param.value());
            if (before != null && !before.equals(param.value())) {
                throw new ApiException.BadRequest("params." + param.key(), "appears twice with different values");
            }
        }
        runs.logParams(runId, paramMap);
        runs.setTags(runId, tags(tagList));
        List<MetricPoint> points = new ArrayList<>(metricList.size());
        metricList.forEach(m -> points.add(new MetricPoint(m.key(), m.value(), m.step(), m.timestamp())));
        metrics.log(runId, points, MAX_BATCH_METRICS);
        return Map.of();
    }

    @PostMapping("/runs/log-inputs")
    Map<String, Object> logInputs(@RequestBody MlflowMessages.LogInputs request) {
        List<RunInputRow> rows = new ArrayList<>();
        for (MlflowMessages.DatasetInput input : orEmpty(request.datasets())) {
            MlflowMessages.Dataset dataset = input.dataset();
            if (dataset == null || dataset.name() == null || dataset.digest() == null) {
                throw new ApiException.BadRequest("datasets.dataset", "needs a name and a digest");
            }
            String context = orEmpty(input.tags()).stream().filter(t -> "mlflow.data.context".equals(t.key()))
                    .map(MlflowMessages.KeyValue::value).findFirst().orElse(null);
            rows.add(new RunInputRow(null, dataset.name(), dataset.digest(), dataset.sourceType(), dataset.source(),
                    dataset.schema(), dataset.profile(), context));
        }
        runs.addInputs(required(request.runId()), rows);
        return Map.of();
    }

    @PostMapping("/runs/search")
    Map<String, Object> search(@RequestBody MlflowMessages.SearchRuns request) {
        RunSearch.SearchPage page = search.searchRows(null,
                request.experimentIds() == null || request.experimentIds().isEmpty() ? null : request.experimentIds(),
                request.filter(), request.orderBy(), MlflowExperimentsController.lifecycle(request.runViewType()),
                request.maxResults() == null ? 1000 : request.maxResults(), request.pageToken());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", views.runs(page.runs()));
        if (page.nextPageToken() != null) {
            body.put("next_page_token", page.nextPageToken());
        }
        return body;
    }

    /** The full history (MLflow pages it; we page by offset over the points in step order). */
    @GetMapping("/metrics/get-history")
    Map<String, Object> history(@RequestParam(name = "run_id", required = false) String runId,
                                @RequestParam(name = "run_uuid", required = false) String runUuid,
                                @RequestParam(name = "metric_key") String key,
                                @RequestParam(name = "max_results", required = false) Integer maxResults,
                                @RequestParam(name = "page_token", required = false) String pageToken) {
        MetricHistory history = metrics.history(required(runId != null ? runId : runUuid), key, null);
        int offset = PageToken.decodeOffset(pageToken, Integer.MAX_VALUE);
        int size = maxResults == null ? 25_000 : Math.max(1, Math.min(maxResults, 25_000));
        List<MlflowMessages.Metric> points = history.points().stream().skip(offset).limit(size)
                .map(p -> new MlflowMessages.Metric(key, p.value(), p.timestamp(), p.step())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metrics", points);
        if (offset + size < history.points().size()) {
            body.put("next_page_token", PageToken.encodeOffset(offset + size));
        }
        return body;
    }

    private static Map<String, String> tags(List<MlflowMessages.KeyValue> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        orEmpty(tags).forEach(tag -> map.put(required(tag.key(), "tags.key"), tag.value()));
        return map;
    }

    private static Map<String, String> single(String field, String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(required(key, field), value);
        return map;
    }

    private static void limit(String field, int size, int max) {
        if (size > max) {
            throw new ApiException.BadRequest(field, size + " " + field + " in one log-batch; the limit is " + max);
        }
    }

    private static String required(String runId) {
        return required(runId, "run_id");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException.BadRequest(field, "is required");
        }
        return value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
