package io.trainyard.executor;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.HeartbeatAnswer;
import io.trainyard.client.model.HeartbeatRequest;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** A claimed job while it runs: its context for the handler, and its heartbeats. */
final class RunningJob implements JobContext {

    private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

    private final ClaimedJob claimed;
    private final TrainyardClient client;
    private final BooleanSupplier stopping;
    private final String executorName;
    private volatile Double progress;
    private volatile String message;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;

    RunningJob(ClaimedJob claimed, TrainyardClient client, BooleanSupplier stopping, String executorName) {
        this.claimed = claimed;
        this.client = client;
        this.stopping = stopping;
        this.executorName = executorName;
    }

    @Override
    public String executorName() {
        return executorName;
    }

    String leaseToken() {
        return claimed.leaseToken();
    }

    String kind() {
        return claimed.kind();
    }

    /** One heartbeat; a server that does not answer is tried again at the next tick (the lease has slack). */
    void heartbeat() {
        if (leaseLost) {
            return;
        }
        try {
            HeartbeatAnswer answer = client.heartbeat(claimed.jobId(),
                    new HeartbeatRequest(claimed.leaseToken(), progress, message));
            if (answer != null && Boolean.TRUE.equals(answer.cancelRequested())) {
                cancelRequested = true;
            }
        } catch (TrainyardApiException e) {
            if (e.status() == 409 || e.status() == 404) {
                log.warn("Job {}: lease lost ({}); abandoning it", claimed.jobId(), e.getMessage());
                leaseLost = true;
            } else {
                log.warn("Job {}: heartbeat failed ({}); retrying", claimed.jobId(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Job {}: heartbeat failed", claimed.jobId(), e);
        }
    }

    void markLeaseLost() {
        leaseLost = true;
    }

    @Override
    public long jobId() {
        return claimed.jobId();
    }

    @Override
    public UUID runId() {
        return claimed.runId();
    }

    @Override
    public int attempt() {
        return claimed.attempt() == null ? 1 : claimed.attempt();
    }

    @Override
    public JsonNode spec() {
        return claimed.spec();
    }

    @Override
    public void progress(double fraction, String text) {
        progress = Math.max(0, Math.min(1, fraction));
        message = text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    @Override
    public boolean isCancelRequested() {
        return cancelRequested || leaseLost;
    }

    @Override
    public boolean isStopRequested() {
        return stopping.getAsBoolean();
    }

    @Override
    public boolean isLeaseLost() {
        return leaseLost;
    }

    @Override
    public TrainyardClient client() {
        return client;
    }

    @Override
    public DeviceInfo devices() {
        return Devices.detect();
    }
}
