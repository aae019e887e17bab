package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.Job;
import io.trainyard.client.model.JobState;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.SubmitJobRequest;
import io.trainyard.client.model.UpdateJobRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Jobs as people and pipelines see them. The executor protocol is in {@link ExecutorController}. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    /** Admins: a diagnostic job; 201, or 200 with the earlier job when the Idempotency-Key was used. */
    @PostMapping
    ResponseEntity<Job> submit(@Valid @RequestBody SubmitJobRequest request,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        JobService.Submitted submitted = jobs.submit(request, idempotencyKey);
        return ResponseEntity.status(submitted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(submitted.job());
    }

    @GetMapping
    Page<Job> list(@RequestParam(required = false) JobState status, @RequestParam(required = false) Integer pageSize,
                   @RequestParam(required = false) String pageToken) {
        return jobs.list(status, pageSize, pageToken);
    }

    @GetMapping("/{id}")
    Job get(@PathVariable long id) {
        return jobs.get(id);
    }

    @PatchMapping("/{id}")
    Job update(@PathVariable long id, @Valid @RequestBody UpdateJobRequest request) {
        return jobs.setPriority(id, request.priority());
    }

    @PostMapping("/{id}/cancel")
    Job cancel(@PathVariable long id) {
        return jobs.cancel(id);
    }
}
