package io.trainyard.server.launch;

import io.trainyard.client.model.Run;
import io.trainyard.client.model.TrainingRunRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TrainingRunController {

    private final TrainingLauncher launcher;
    private final RunCancellation cancellation;

    TrainingRunController(TrainingLauncher launcher, RunCancellation cancellation) {
        this.launcher = launcher;
        this.cancellation = cancellation;
    }

    /** 201 with the queued run; 200 with the first run when the {@code Idempotency-Key} was used before. */
    @PostMapping("/api/v1/projects/{project}/training-runs")
    ResponseEntity<Run> launch(@PathVariable String project, @RequestBody TrainingRunRequest request,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        TrainingLauncher.Launched launched = launcher.launch(project, request, idempotencyKey);
        return ResponseEntity.status(launched.created() ? HttpStatus.CREATED : HttpStatus.OK).body(launched.run());
    }

    @PostMapping("/api/v1/runs/{id}/cancel")
    Run cancel(@PathVariable String id) {
        return cancellation.cancel(id);
    }
}
