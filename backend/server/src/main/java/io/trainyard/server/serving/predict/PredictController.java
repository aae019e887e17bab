package io.trainyard.server.serving.predict;

import io.trainyard.client.model.PredictRequest;
import io.trainyard.client.model.PredictResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PredictController {

    private final ScoringService scoring;

    PredictController(ScoringService scoring) {
        this.scoring = scoring;
    }

    /** By {@code alias} or {@code version}; with neither, the newest version ({@code latest}). */
    @PostMapping("/api/v1/projects/{project}/models/{name}/predict")
    PredictResponse predict(@PathVariable String project, @PathVariable String name,
                            @RequestParam(required = false) String alias,
                            @RequestParam(required = false) Integer version, @RequestBody PredictRequest request) {
        return scoring.predict(project, name, alias, version, request.rows());
    }
}
