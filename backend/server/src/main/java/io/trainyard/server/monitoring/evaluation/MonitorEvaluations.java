package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.DriftReport;
import io.trainyard.client.model.FeatureDrift;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.monitoring.DriftDetected;
import io.trainyard.server.monitoring.monitors.MonitorRow;
import io.trainyard.server.monitoring.monitors.MonitorService;
import io.trainyard.server.monitoring.monitors.MonitorStore;
import io.trainyard.server.security.ActAs;
import io.trainyard.server.tracking.RunIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs evaluations and records them. Each runs inside a transaction that holds the monitor's row lock: the
 * report, the new state, its transition (with the {@link DriftDetected} event and the retraining run) and, for
 * a scheduled one, the next window are committed together, so a window is evaluated exactly once however many
 * servers poll (a crash rolls everything back and the window stays due). The computation itself runs with
 * that transaction suspended, so a refusal inside it cannot spoil the recording.
 */
@Service
public class MonitorEvaluations {

    private final MonitorService monitors;
    private final MonitorStore store;
    private final ReportStore reports;
    private final MonitorEvaluator evaluator;
    private final RetrainTrigger retrain;
    private final ActAs actAs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate locked;
    private final TransactionTemplate suspended;

    MonitorEvaluations(MonitorService monitors, MonitorStore store, ReportStore reports, MonitorEvaluator evaluator,
                       RetrainTrigger retrain, ActAs actAs, ApplicationEventPublisher events,
                       PlatformTransactionManager transactions) {
        this.monitors = monitors;
        this.store = store;
        this.reports = reports;
        this.evaluator = evaluator;
        this.retrain = retrain;
        this.actAs = actAs;
        this.events = events;
        this.locked = new TransactionTemplate(transactions);
        this.suspended = new TransactionTemplate(transactions);
        this.suspended.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Evaluate now with the caller's rights; {@code current} replaces the window with a dataset version. */
    public DriftReport evaluateNow(long monitorId, DatasetSelector current) {
        monitors.require(monitorId, ProjectRole.EDITOR);
        if (current != null && (current.dataset() == null || current.dataset().isBlank())) {
            throw new ApiException.BadRequest("current.dataset", "is required");
        }
        if (current != null && current.version() == null) {
            throw new ApiException.BadRequest("current.version", "is required");
        }
        return locked.execute(tx -> {
            MonitorRow monitor = store.lock(monitorId).orElseThrow(() -> new ApiException.NotFound("monitor " + monitorId));
            Instant end = Instant.now();
            Evaluation evaluation = suspended.execute(s -> evaluator.evaluate(monitor, current, end));
            return record(monitor, "request", evaluation, end, false);
        });
    }

    /** A scheduled evaluation of the monitor's due window, if no other server holds it; false when not due. */
    public boolean evaluateIfDue(long monitorId, Instant now) {
        Boolean done = locked.execute(tx -> {
            MonitorRow monitor = store.lockIfDue(monitorId, now).orElse(null);
            if (monitor == null) {
                return false;
            }
            Instant end = monitor.nextRunAt();
            Instant next = nextWindow(end, monitor.scheduleSeconds(), now);
            try {
                actAs.call(monitor.createdBy(), () -> {
                    Evaluation evaluation = suspended.execute(s -> evaluator.evaluate(monitor, null, end));
                    return record(monitor, "schedule", evaluation, next, true);
                });
            } catch (ActAs.UnknownUser e) {
                // the creator's account is gone: the window is recorded as failed, not retried forever
                record(monitor, "schedule", new Evaluation(MonitorEvaluator.failed(monitor, end, e), null, null),
                        next, true);
            }
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** The window after {@code end}; windows missed while no server ran are skipped, not caught up. */
    static Instant nextWindow(Instant end, int periodSeconds, Instant now) {
        Duration period = Duration.ofSeconds(periodSeconds);
        Instant next = end.plus(period);
        if (!next.isAfter(now)) {
            long missed = Duration.between(next, now).toSeconds() / periodSeconds + 1;
            next = next.plus(period.multipliedBy(missed));
        }
        return next;
    }

    private DriftReport record(MonitorRow monitor, String trigger, Evaluation evaluation, Instant next,
                               boolean scheduled) {
        try {
            DriftReport report = evaluation.report();
            long reportId = reports.insert(monitor.id(), trigger, report);
            String state = report.status();
            store.evaluated(monitor.id(), state, Instant.now(), next, scheduled);
            if (!state.equals(monitor.state())) {
                UUID runId = null;
                if (state.equals("drifting")) {
                    if (monitor.retrains() && evaluation.holder() != null) {
                        runId = retrain.retrain(monitor, evaluation.holder(), evaluation.trainedOn(), reportId);
                    }
                    events.publishEvent(detected(monitor, report, reportId, runId));
                }
                reports.transition(monitor.id(), reportId, monitor.state(), state, runId);
            }
            return reports.find(monitor.id(), reportId).orElseThrow();
        } finally {
            if (evaluation.holder() != null) {
                evaluation.holder().close();
            }
        }
    }

    private static DriftDetected detected(MonitorRow monitor, DriftReport report, long reportId, UUID runId) {
        List<String> drifted = report.features().stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature)
                .toList();
        if (report.output() != null && report.output().drifted()) {
            drifted = java.util.stream.Stream.concat(drifted.stream(), java.util.stream.Stream.of("prediction"))
                    .toList();
        }
        List<String> breaches = report.performance() == null ? List.of() : report.performance().breaches();
        return new DriftDetected(monitor.projectId(), monitor.projectKey(), monitor.id(), monitor.name(),
                monitor.model(), monitor.alias(), report.modelVersion(), reportId, drifted, report.driftedShare(),
                breaches, runId == null ? null : RunIds.format(runId));
    }
}
