package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.CompleteJobRequest;
import io.trainyard.client.model.ExecutorView;
import io.trainyard.client.model.HeartbeatAnswer;
import io.trainyard.client.model.HeartbeatRequest;
import io.trainyard.client.model.RegisterExecutorRequest;
import io.trainyard.client.model.RegisteredExecutor;
import io.trainyard.client.model.ReleaseJobRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.queue.ExecutorSpec;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.Lease;
import io.trainyard.server.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor protocol (executor-scoped tokens, or admins): register, long-poll claim, heartbeat, complete,
 * release. Every call about a claimed job must carry its current lease token; a stale one gets 409.
 */
@RestController
class ExecutorController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobQueue queue;
    private final ExecutorStore executors;
    private final JobService jobs;
    private final QueueProperties properties;

    ExecutorController(JobQueue queue, ExecutorStore executors, JobService jobs, QueueProperties properties) {
        this.queue = queue;
        this.executors = executors;
        this.jobs = jobs;
        this.properties = properties;
    }

    @GetMapping("/api/v1/executors")
    List<ExecutorView> list() {
        return jobs.executors();
    }

    @PostMapping("/api/v1/executors/register")
    @ResponseStatus(HttpStatus.CREATED)
    RegisteredExecutor register(@Valid @RequestBody RegisterExecutorRequest request) {
        ExecutorSpec spec = new ExecutorSpec(request.name().strip(), request.gpus(),
                request.labels() == null ? List.of() : request.labels(),
                request.concurrency() == null ? 1 : request.concurrency(), request.devices(),
                Boolean.TRUE.equals(request.embedded()));
        long id = queue.registerExecutor(spec, CurrentUser.require().getUsername());
        return new RegisteredExecutor(id, queue.leaseDuration().toMillis());
    }

    @DeleteMapping("/api/v1/executors/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deregister(@PathVariable long id) {
        CurrentUser me = CurrentUser.require();
        if (!executors.stop(id, me.getUsername(), me.admin())) {
            throw new ApiException.NotFound("executor " + id);
        }
    }

    /** 200 with a job as soon as one this executor can run is available, or 204 after {@code waitSeconds}. */
    @PostMapping("/api/v1/executors/{id}/claim")
    ResponseEntity<ClaimedJob> claim(@PathVariable long id, @RequestParam(defaultValue = "0") int waitSeconds)
            throws InterruptedException {
        if (waitSeconds < 0) {
            throw new ApiException.BadRequest("waitSeconds", "must not be negative");
        }
        CurrentUser me = CurrentUser.require();
        if (!executors.touch(id, me.getUsername(), me.admin())) {
            throw new ApiException.NotFound("executor " + id);
        }
        Duration wait = Duration.ofSeconds(waitSeconds);
        wait = wait.compareTo(properties.maxClaimWait()) > 0 ? properties.maxClaimWait() : wait;
        Optional<Lease> lease = wait.isZero() ? queue.claim(id, 1).stream().findFirst()
                : queue.claimWaiting(id, wait);
        return lease.map(l -> ResponseEntity.ok(new ClaimedJob(l.jobId().value(), l.token().toString(), l.runId(),
                        l.kind(), JSON.readTree(l.spec()), l.attempt(), l.expiresAt())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/v1/jobs/{id}/heartbeat")
    HeartbeatAnswer heartbeat(@PathVariable long id, @Valid @RequestBody HeartbeatRequest request) {
        boolean cancel = queue.heartbeat(new JobId(id), token(request.leaseToken()), request.progress(),
                request.message());
        return new HeartbeatAnswer(cancel, null);
    }

    @PostMapping("/api/v1/jobs/{id}/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void complete(@PathVariable long id, @Valid @RequestBody CompleteJobRequest request) {
        queue.complete(new JobId(id), token(request.leaseToken()), request.outcome(), request.error());
    }

    @PostMapping("/api/v1/jobs/{id}/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable long id, @Valid @RequestBody ReleaseJobRequest request) {
        queue.release(new JobId(id), token(request.leaseToken()), request.reason());
    }

    private static UUID token(String leaseToken) {
        try {
            return UUID.fromString(leaseToken);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("leaseToken", "is not a lease token");
        }
    }
}
