package io.trainyard.server.monitoring.web;

import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.DriftRequest;
import io.trainyard.server.monitoring.drift.DatasetDriftComparison;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ad hoc drift between two dataset versions (viewers may compare what they may read). */
@RestController
class DriftController {

    private final DatasetDriftComparison comparison;

    DriftController(DatasetDriftComparison comparison) {
        this.comparison = comparison;
    }

    @PostMapping("/api/v1/projects/{project}/drift")
    DriftReport compare(@PathVariable String project, @RequestBody DriftRequest request) {
        return comparison.compare(project, request);
    }
}
