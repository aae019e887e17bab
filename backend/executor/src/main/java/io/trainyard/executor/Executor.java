package io.trainyard.executor;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.CompleteJobRequest;
import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.RegisterExecutorRequest;
import io.trainyard.client.model.RegisteredExecutor;
import io.trainyard.client.model.ReleaseJobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor engine: {@code concurrency} claim loops, each long-polling the server for a job, running it
 * with the handler for its kind while a shared scheduler heartbeats its lease, and completing it. A server
 * that cannot be reached is retried with backoff and jitter, and running jobs keep heartbeating meanwhile.
 * {@link #stop()} is the graceful shutdown: no more claims, running jobs are asked to checkpoint, and
 * whatever still runs at the deadline has its lease released back to the queue (no attempt spent).
 */
public final class Executor {

    private static final Logger log = LoggerFactory.getLogger(Executor.class);

    private final ExecutorSettings settings;
    private final TrainyardClient client;
    private final Map<String, JobHandler> handlers;
    private final ScheduledExecutorService heartbeats;
    private final List<Thread> workers = new ArrayList<>();
    private final Set<RunningJob> running = ConcurrentHashMap.newKeySet();
    private final Set<Thread> claiming = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile Long executorId;
    private volatile long heartbeatMillis = 20_000;
    private volatile long lastActivity = System.currentTimeMillis();

    public Executor(ExecutorSettings settings, List<JobHandler> handlers) {
        this.settings = settings;
        this.client = new TrainyardClient(settings.serverUrl(), settings.token());
        TorchThreads.configure(settings.torchThreads(), settings.concurrency());
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity(),
                (a, b) -> a));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, settings.name() + "-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The handlers registered with {@link ServiceLoader} (the diagnostic handler, training, ...). */
    public static List<JobHandler> discoverHandlers() {
        List<JobHandler> found = new ArrayList<>();
        ServiceLoader.load(JobHandler.class, Executor.class.getClassLoader()).forEach(found::add);
        return found;
    }

    public synchronized void start() {
        for (int i = 0; i < settings.concurrency(); i++) {
            Thread worker = new Thread(this::claimLoop, settings.name() + "-worker-" + i);
            workers.add(worker);
            worker.start();
        }
        log.info("Executor '{}' started: {} worker(s), handlers {}, server {}", settings.name(),
                settings.concurrency(), handlers.keySet(), settings.serverUrl());
    }

    public Long executorId() {
        return executorId;
    }

    /** Alive: its loops made progress lately (a claim answered, a job ran, or a retry was scheduled). */
    public boolean isHealthy() {
        long quiet = System.currentTimeMillis() - lastActivity;
        return !stopping && (quiet < settings.claimWait().toMillis() + 90_000 || !running.isEmpty());
    }

    public int runningJobs() {
        return running.size();
    }

    private void claimLoop() {
        Backoff backoff = new Backoff();
        while (!stopping) {
            try {
                long id = ensureRegistered();
                claiming.add(Thread.currentThread());
                Optional<ClaimedJob> job;
                try {
                    job = stopping ? Optional.empty()
                            : client.claim(id, (int) settings.claimWait().toSeconds());
                } finally {
                    claiming.remove(Thread.currentThread());
                }
                lastActivity = System.currentTimeMillis();
                backoff.reset();
                job.ifPresent(this::run);
            } catch (TrainyardApiException e) {
                if (stopping) {
                    break;
                }
                if (e.status() == 404) {
                    log.warn("The server does not know executor {} any more; registering again", executorId);
                    executorId = null;
                }
                long delay = backoff.nextDelayMillis();
                log.warn("Claim failed ({}); retrying in {} ms", e.getMessage(), delay);
                lastActivity = System.currentTimeMillis();
                sleep(delay);
            } catch (RuntimeException e) {
                log.error("Claim loop error; retrying", e);
                sleep(backoff.nextDelayMillis());
            }
        }
    }

    private synchronized long ensureRegistered() {
        Long id = executorId;
        if (id != null) {
            return id;
        }
        int gpus;
        String devices = null;
        if ("auto".equals(settings.gpus())) {
            DeviceInfo info = Devices.detect();
            gpus = info.gpuCount();
            devices = info.summary();
        } else {
            gpus = Integer.parseInt(settings.gpus());
        }
        RegisteredExecutor registered = client.registerExecutor(new RegisterExecutorRequest(settings.name(), gpus,
                settings.labels(), settings.concurrency(), devices, settings.embedded()));
        heartbeatMillis = Math.max(50, registered.leaseMillis() / 3);
        executorId = registered.executorId();
        log.info("Executor '{}' registered as {} ({} GPUs, labels {})", settings.name(), executorId, gpus,
                settings.labels());
        return executorId;
    }

    private void run(ClaimedJob claimed) {
        RunningJob job = new RunningJob(claimed, client, () -> stopping, settings.name());
        running.add(job);
        ScheduledFuture<?> beat = heartbeats.scheduleWithFixedDelay(job::heartbeat, heartbeatMillis, heartbeatMillis,
                TimeUnit.MILLISECONDS);
        try {
            JobHandler handler = handlers.get(claimed.kind());
            JobOutcome outcome;
            String error = null;
            boolean release = false;
            if (handler == null) {
                outcome = JobOutcome.FAILED;
                error = "executor '" + settings.name() + "' has no handler for kind '" + claimed.kind() + "'";
            } else {
                try {
                    handler.run(job);
                    outcome = job.isCancelRequested() ? JobOutcome.CANCELLED : JobOutcome.SUCCEEDED;
                } catch (JobStoppedException e) {
                    outcome = null;
                    release = true;
                } catch (Exception | LinkageError e) {
                    outcome = job.isCancelRequested() ? JobOutcome.CANCELLED : JobOutcome.FAILED;
                    error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (outcome == JobOutcome.FAILED) {
                        log.warn("Job {} (attempt {}) failed", claimed.jobId(), claimed.attempt(), e);
                    }
                }
            }
            if (job.isLeaseLost()) {
                log.warn("Job {}: the lease was lost while it ran; its result is dropped", claimed.jobId());
                return;
            }
            job.heartbeat(); // the last progress and message, before the job ends
            if (release) {
                release(job, "executor '" + settings.name() + "' is shutting down");
            } else {
                deliver(job, outcome, error);
            }
        } finally {
            beat.cancel(false);
            running.remove(job);
            lastActivity = System.currentTimeMillis();
        }
    }

    /** Completion must arrive: retried until the server answers (heartbeats keep the lease meanwhile). */
    private void deliver(RunningJob job, JobOutcome outcome, String error) {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                client.complete(job.jobId(), new CompleteJobRequest(job.leaseToken(), outcome, error));
                return;
            } catch (TrainyardApiException e) {
                if (e.status() == 409 || e.status() == 404 || job.isLeaseLost()) {
                    log.warn("Job {}: completion refused ({}); the result is dropped", job.jobId(), e.getMessage());
                    job.markLeaseLost();
                    return;
                }
                if (e.status() >= 400 && e.status() < 500) {
                    log.error("Job {}: completion rejected: {}", job.jobId(), e.body());
                    return;
                }
                long delay = backoff.nextDelayMillis();
                log.warn("Job {}: completion failed ({}); retrying in {} ms", job.jobId(), e.getMessage(), delay);
                sleep(delay);
            }
        }
    }

    private void release(RunningJob job, String reason) {
        if (job.isLeaseLost()) {
            return;
        }
        try {
            client.release(job.jobId(), new ReleaseJobRequest(job.leaseToken(), reason));
            log.info("Job {}: lease released back to the queue", job.jobId());
        } catch (TrainyardApiException e) {
            log.warn("Job {}: release failed ({}); the lease will expire and the job be rescued", job.jobId(),
                    e.getMessage());
        }
        job.markLeaseLost();
    }

    /**
     * Graceful shutdown (SIGTERM): stop claiming, ask running jobs to checkpoint and stop, wait up to
     * {@code stopTimeout}, release what still runs, deregister.
     */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        claiming.forEach(Thread::interrupt);
        long deadline = System.currentTimeMillis() + settings.stopTimeout().toMillis();
        for (Thread worker : workers) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) {
                try {
                    worker.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (RunningJob job : running) {
            release(job, "executor '" + settings.name() + "' stopped before the job did");
        }
        heartbeats.shutdownNow();
        Long id = executorId;
        if (id != null) {
            try {
                client.deregisterExecutor(id);
            } catch (TrainyardApiException e) {
                log.debug("Deregistration failed: {}", e.getMessage());
            }
        }
        log.info("Executor '{}' stopped", settings.name());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
