package io.trainyard.server.webhooks.delivery;

import io.trainyard.server.monitoring.DriftDetected;
import io.trainyard.server.registry.AliasApprovalRequested;
import io.trainyard.server.registry.AliasChanged;
import io.trainyard.server.registry.ModelVersionCreated;
import io.trainyard.server.tracking.RunFinished;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns the other modules' events into webhook deliveries, in the transaction that published them. */
@Component
class PlatformEvents {

    private final WebhookOutbox outbox;

    PlatformEvents(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(ModelVersionCreated e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", e.model());
        data.put("version", e.version());
        data.put("runId", e.runId());
        data.put("createdBy", e.createdBy());
        outbox.publish(e.projectId(), e.project(), "model_version.created", data);
    }

    @EventListener
    void on(AliasChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", e.model());
        data.put("alias", e.alias());
        data.put("fromVersion", e.fromVersion());
        data.put("toVersion", e.toVersion());
        data.put("actor", e.actor());
        data.put("approver", e.approver());
        outbox.publish(e.projectId(), e.project(), "alias.changed", data);
    }

    @EventListener
    void on(AliasApprovalRequested e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", e.model());
        data.put("alias", e.alias());
        data.put("version", e.version());
        data.put("currentVersion", e.currentVersion());
        data.put("requestedBy", e.requestedBy());
        data.put("comment", e.comment());
        outbox.publish(e.projectId(), e.project(), "alias.approval_requested", data);
    }

    @EventListener
    void on(RunFinished e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", e.runId());
        data.put("status", e.status().wireName());
        outbox.publish(e.projectId(), null, "run.finished", data);
    }

    @EventListener
    void on(DriftDetected e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("monitor", e.monitor());
        data.put("monitorId", e.monitorId());
        data.put("model", e.model());
        data.put("alias", e.alias());
        data.put("version", e.modelVersion());
        data.put("reportId", e.reportId());
        data.put("driftedFeatures", e.driftedFeatures());
        data.put("driftedShare", e.driftedShare());
        data.put("performanceBreaches", e.performanceBreaches());
        data.put("retrainRunId", e.retrainRunId());
        outbox.publish(e.projectId(), e.project(), "drift.detected", data);
    }
}
