package io.trainyard.server.tracking.experiments;

import io.trainyard.client.model.CreateExperimentRequest;
import io.trainyard.client.model.Experiment;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExperimentController {

    private final ExperimentService experiments;

    ExperimentController(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @GetMapping("/api/v1/projects/{project}/experiments")
    Page<Experiment> list(@PathVariable String project, @RequestParam(required = false) Integer pageSize,
                          @RequestParam(required = false) String pageToken) {
        return experiments.list(project, "active", null, pageSize, pageToken);
    }

    @PostMapping("/api/v1/projects/{project}/experiments")
    @ResponseStatus(HttpStatus.CREATED)
    Experiment create(@PathVariable String project, @Valid @RequestBody CreateExperimentRequest request) {
        return experiments.view(experiments.create(project, request.name(), request.description()));
    }

    @GetMapping("/api/v1/experiments/{id}")
    Experiment get(@PathVariable String id) {
        return experiments.view(experiments.require(id, ProjectRole.VIEWER));
    }
}
