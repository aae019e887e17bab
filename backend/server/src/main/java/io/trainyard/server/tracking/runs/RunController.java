package io.trainyard.server.tracking.runs;

import io.trainyard.client.model.CreateRunRequest;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.SearchRunsRequest;
import io.trainyard.client.model.UpdateRunRequest;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RunController {

    private final RunService runs;
    private final RunInputs inputs;
    private final RunSearch search;

    RunController(RunService runs, RunInputs inputs, RunSearch search) {
        this.runs = runs;
        this.inputs = inputs;
        this.search = search;
    }

    /** A run tracked by the caller's own code: it starts running now. */
    @PostMapping("/api/v1/experiments/{experimentId}/runs")
    @ResponseStatus(HttpStatus.CREATED)
    Run create(@PathVariable String experimentId, @Valid @RequestBody CreateRunRequest request) {
        return runs.view(inputs.createTracked(experimentId, request));
    }

    @GetMapping("/api/v1/runs/{id}")
    Run get(@PathVariable String id) {
        return runs.view(runs.require(id, ProjectRole.VIEWER));
    }

    @PatchMapping("/api/v1/runs/{id}")
    Run update(@PathVariable String id, @RequestBody UpdateRunRequest request) {
        return runs.view(runs.update(id, request.status(), null, request.name(), RunService.orEmpty(request.tags())));
    }

    /** Params logged after creation; write-once like those given at creation. */
    @PostMapping("/api/v1/runs/{id}/params")
    Run logParams(@PathVariable String id, @RequestBody Map<String, String> params) {
        runs.logParams(id, params);
        return runs.view(runs.require(id, ProjectRole.VIEWER));
    }

    @DeleteMapping("/api/v1/runs/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        runs.delete(id);
    }

    @PostMapping("/api/v1/runs/{id}/restore")
    Run restore(@PathVariable String id) {
        runs.restore(id);
        return runs.view(runs.require(id, ProjectRole.VIEWER));
    }

    @PostMapping("/api/v1/runs/search")
    Page<Run> search(@RequestBody SearchRunsRequest request) {
        return search.search(request);
    }
}
