package io.trainyard.server.queue.jobs;

import io.trainyard.client.model.ExecutorView;
import io.trainyard.client.model.Job;
import io.trainyard.client.model.JobEvent;
import io.trainyard.client.model.JobResources;
import io.trainyard.client.model.JobState;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.SubmitJobRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue as people and pipelines see it (REST and UI): every job read or change checks the caller's
 * role in the job's project first, and answers DTOs.
 */
@Service
public class JobService {

    /** What {@code POST /api/v1/jobs} accepts; training runs are submitted through their own endpoint. */
    static final String DIAGNOSTIC = "diagnostic";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobQueue queue;
    private final JobStore jobs;
    private final ExecutorStore executors;
    private final ProjectAccess projects;
    private final AuditLog auditLog;
    private final QueueProperties properties;

    JobService(JobQueue queue, JobStore jobs, ExecutorStore executors, ProjectAccess projects, AuditLog auditLog,
               QueueProperties properties) {
        this.queue = queue;
        this.jobs = jobs;
        this.executors = executors;
        this.projects = projects;
        this.auditLog = auditLog;
        this.properties = properties;
    }

    /** The job, and whether it is new (false: the idempotency key returned an earlier one). */
    public record Submitted(Job job, boolean created) {
    }

    /** Admins only (the security rules see to that): diagnostic jobs that check the executor pool. */
    @Transactional
    public Submitted submit(SubmitJobRequest request, String idempotencyKey) {
        CurrentUser me = CurrentUser.require();
        if (!me.admin()) {
            throw new ApiException.Forbidden("only admins may submit jobs directly");
        }
        if (!DIAGNOSTIC.equals(request.kind())) {
            throw new ApiException.BadRequest("kind", "only 'diagnostic' jobs can be submitted here; training runs "
                    + "are submitted with POST /api/v1/projects/{project}/training-runs");
        }
        ProjectRef project = projects.require(request.project() == null ? "default" : request.project(),
                ProjectRole.EDITOR);
        JsonNode spec = request.spec() == null || request.spec().isNull() ? JSON.createObjectNode() : request.spec();
        validateDiagnostic(spec);
        boolean existed = idempotencyKey != null
                && jobs.findByIdempotencyKey(project.id(), idempotencyKey).isPresent();
        JobResources resources = request.resources() == null ? JobResources.none() : request.resources();
        JobRequest job = JobRequest.of(request.kind(), JSON.writeValueAsString(spec), project.id())
                .withPriority(request.priority() == null ? 0 : request.priority())
                .withResources(resources.gpus() == null ? 0 : resources.gpus(),
                        resources.labels() == null ? List.of() : resources.labels())
                .withMaxAttempts(request.maxAttempts() == null ? JobRequest.DEFAULT_MAX_ATTEMPTS
                        : request.maxAttempts())
                .withNotBefore(request.notBefore())
                .withIdempotencyKey(idempotencyKey)
                .withRequestedBy(me.getUsername());
        JobId id = queue.enqueue(job);
        if (!existed) {
            auditLog.record("job.submitted", "job:" + id, request.kind() + " in " + project.key());
        }
        return new Submitted(get(id.value()), !existed);
    }

    private static void validateDiagnostic(JsonNode spec) {
        if (!spec.isObject()) {
            throw new ApiException.BadRequest("spec", "must be a JSON object such as {\"sleepMs\": 100, \"fail\": false}");
        }
        JsonNode sleep = spec.path("sleepMs");
        if (!sleep.isMissingNode() && (!sleep.canConvertToLong() || sleep.asLong() < 0 || sleep.asLong() > 3_600_000)) {
            throw new ApiException.BadRequest("spec.sleepMs", "must be a whole number of milliseconds, 0 to 3600000");
        }
        for (String flag : List.of("fail", "devices")) {
            JsonNode value = spec.path(flag);
            if (!value.isMissingNode() && !value.isBoolean()) {
                throw new ApiException.BadRequest("spec." + flag, "must be true or false");
            }
        }
    }

    @Transactional(readOnly = true)
    public Job get(long id) {
        Map<Long, ProjectRef> visible = visible();
        JobRow row = jobs.find(id).filter(job -> visible.containsKey(job.projectId()))
                .orElseThrow(() -> new ApiException.NotFound("job " + id));
        Long position = row.state() == JobState.QUEUED ? jobs.position(row) : null;
        return view(row, visible, position, unrunnable(row, executors.recent()), jobs.events(id));
    }

    @Transactional(readOnly = true)
    public Page<Job> list(JobState state, Integer pageSize, String pageToken) {
        Map<Long, ProjectRef> visible = visible();
        int size = PageToken.clampPageSize(pageSize);
        long before = PageToken.decodeBelow(pageToken);
        List<JobRow> rows = jobs.list(state, projectFilter(visible), before, size + 1);
        return PageToken.page(rows, size, row -> view(row, visible, null, null, null), job -> job.id().toString());
    }

    @Transactional
    public Job cancel(long id) {
        JobRow row = requireWritable(id);
        if (!queue.cancel(new JobId(id), CurrentUser.require().getUsername(), null)) {
            throw new ApiException.Conflict("job " + id + " has already ended (" + row.state().wireName() + ")");
        }
        auditLog.record("job.cancelled", "job:" + id, row.kind());
        return get(id);
    }

    @Transactional
    public Job setPriority(long id, int priority) {
        requireWritable(id);
        JobRow locked = jobs.lock(id).orElseThrow();
        if (locked.state() != JobState.QUEUED) {
            throw new ApiException.Conflict("job " + id + " is " + locked.state().wireName()
                    + "; only a queued job's priority can change");
        }
        jobs.setPriority(id, priority);
        auditLog.record("job.priority.changed", "job:" + id, locked.priority() + " -> " + priority);
        return get(id);
    }

    private JobRow requireWritable(long id) {
        Map<Long, ProjectRef> visible = visible();
        JobRow row = jobs.find(id).filter(job -> visible.containsKey(job.projectId()))
                .orElseThrow(() -> new ApiException.NotFound("job " + id));
        if (!visible.get(row.projectId()).role().includes(ProjectRole.EDITOR)) {
            throw new ApiException.Forbidden("changing a job needs the editor role in project '"
                    + visible.get(row.projectId()).key() + "'");
        }
        return row;
    }

    /** The queue page: queued jobs in claim order, running jobs, and the executor pool. */
    public record Overview(List<Job> queued, List<Job> running, List<ExecutorView> executors) {
    }

    @Transactional(readOnly = true)
    public Overview overview(int maxQueued) {
        Map<Long, ProjectRef> visible = visible();
        List<Long> filter = projectFilter(visible);
        List<ExecutorStore.ExecutorRow> pool = executors.recent();
        List<Job> queued = jobs.queued(filter, maxQueued).stream()
                .map(p -> view(p.job(), visible, p.position(), unrunnable(p.job(), pool), null)).toList();
        List<JobRow> running = jobs.running(filter);
        return new Overview(queued, running.stream().map(row -> view(row, visible, null, null, null)).toList(),
                executorViews(pool, jobs.running(null)));
    }

    @Transactional(readOnly = true)
    public List<ExecutorView> executors() {
        return executorViews(executors.recent(), jobs.running(null));
    }

    private List<ExecutorView> executorViews(List<ExecutorStore.ExecutorRow> pool, List<JobRow> running) {
        Map<Long, List<Long>> current = running.stream().filter(row -> row.executorId() != null)
                .collect(Collectors.groupingBy(JobRow::executorId,
                        Collectors.mapping(JobRow::id, Collectors.toList())));
        Instant onlineSince = Instant.now().minus(properties.executorOfflineAfter());
        return pool.stream().map(x -> new ExecutorView(x.id(), x.name(), x.gpus(), x.labels(), x.concurrency(),
                x.devices(), x.embedded(), x.registeredAt(), x.lastSeenAt(), x.lastSeenAt().isAfter(onlineSince),
                current.getOrDefault(x.id(), List.of()))).toList();
    }

    /** Why no registered executor could ever run this queued job; null when one could. */
    static String unrunnable(JobRow job, List<ExecutorStore.ExecutorRow> pool) {
        if (job.state() != JobState.QUEUED) {
            return null;
        }
        boolean runnable = pool.stream().anyMatch(x -> x.gpus() >= job.gpus() && x.labels().containsAll(job.labels()));
        if (runnable) {
            return null;
        }
        if (pool.isEmpty()) {
            return "no executor is registered";
        }
        List<String> needs = new ArrayList<>();
        if (job.gpus() > 0 && pool.stream().noneMatch(x -> x.gpus() >= job.gpus())) {
            needs.add(job.gpus() + (job.gpus() == 1 ? " GPU" : " GPUs"));
        }
        if (!job.labels().isEmpty() && pool.stream().noneMatch(x -> x.labels().containsAll(job.labels()))) {
            needs.add("labels " + String.join(", ", job.labels()));
        }
        if (needs.isEmpty()) {
            needs.add(job.gpus() + " GPUs and labels " + String.join(", ", job.labels()) + " together");
        }
        return "no executor with " + String.join(" and ", needs);
    }

    private Map<Long, ProjectRef> visible() {
        return projects.visibleProjects().stream().collect(Collectors.toMap(ProjectRef::id, Function.identity()));
    }

    /** Admins see every project, so they need no filter (and the query stays simple). */
    private static List<Long> projectFilter(Map<Long, ProjectRef> visible) {
        return CurrentUser.require().admin() ? null : List.copyOf(visible.keySet());
    }

    private static Job view(JobRow row, Map<Long, ProjectRef> visible, Long position, String unrunnable,
                            List<JobEvent> events) {
        ProjectRef project = visible.get(row.projectId());
        return new Job(row.id(), project == null ? null : project.key(), row.runId(), row.kind(), spec(row.spec()),
                row.state(), row.priority(), new JobResources(row.gpus(), row.labels()), row.attempt(),
                row.maxAttempts(), row.notBefore(), row.progress(), row.progressMessage(), row.cancelRequested(),
                row.lastError(), row.executorId(), row.executorName(), row.leaseExpiresAt(), row.requestedBy(),
                row.createdAt(), row.startedAt(), row.finishedAt(), position, unrunnable, events);
    }

    private static JsonNode spec(String json) {
        return Objects.requireNonNullElse(JSON.readTree(json), JSON.createObjectNode());
    }
}
