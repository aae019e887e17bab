package io.trainyard.server.queue;

import io.trainyard.client.model.JobResources;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job to enqueue. Start with {@link #of} and add what differs from the defaults (priority 0, no GPUs, no
 * labels, 3 attempts, runnable now).
 *
 * @param kind           which executor handler runs it, e.g. {@code training}, {@code diagnostic}
 * @param spec           the handler's input, a JSON object as text
 * @param projectId      the project it belongs to ({@link io.trainyard.server.security.ProjectRef#id()})
 * @param runId          the tracking run it executes, if any (no foreign key: tracking owns runs)
 * @param priority       higher is claimed first; FIFO within a priority
 * @param idempotencyKey a second request with the same key in the same project returns the first job
 * @param requestedBy    the username recorded in the job's history
 */
public record JobRequest(String kind, String spec, long projectId, UUID runId, int priority,
                         JobResources resources, int maxAttempts, Instant notBefore, String idempotencyKey,
                         String requestedBy) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public JobRequest {
        resources = resources == null ? JobResources.none() : resources;
    }

    public static JobRequest of(String kind, String spec, long projectId) {
        return new JobRequest(kind, spec, projectId, null, 0, JobResources.none(), DEFAULT_MAX_ATTEMPTS, null, null,
                null);
    }

    public JobRequest withRunId(UUID value) {
        return new JobRequest(kind, spec, projectId, value, priority, resources, maxAttempts, notBefore,
                idempotencyKey, requestedBy);
    }

    public JobRequest withPriority(int value) {
        return new JobRequest(kind, spec, projectId, runId, value, resources, maxAttempts, notBefore,
                idempotencyKey, requestedBy);
    }

    public JobRequest withResources(int gpus, List<String> labels) {
        return new JobRequest(kind, spec, projectId, runId, priority, new JobResources(gpus, labels), maxAttempts,
                notBefore, idempotencyKey, requestedBy);
    }

    public JobRequest withMaxAttempts(int value) {
        return new JobRequest(kind, spec, projectId, runId, priority, resources, value, notBefore,
                idempotencyKey, requestedBy);
    }

    public JobRequest withNotBefore(Instant value) {
        return new JobRequest(kind, spec, projectId, runId, priority, resources, maxAttempts, value,
                idempotencyKey, requestedBy);
    }

    public JobRequest withIdempotencyKey(String value) {
        return new JobRequest(kind, spec, projectId, runId, priority, resources, maxAttempts, notBefore, value,
                requestedBy);
    }

    public JobRequest withRequestedBy(String value) {
        return new JobRequest(kind, spec, projectId, runId, priority, resources, maxAttempts, notBefore,
                idempotencyKey, value);
    }
}
