package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.RunInput;
import io.trainyard.client.model.TrainingRunRequest;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.launch.TrainingLauncher;
import io.trainyard.server.monitoring.monitors.MonitorRow;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.training.config.TrainingConfigJson;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code retrain} action: a training run with the alias holder's own config on the newest version of its
 * dataset (or the monitor's configured dataset), submitted once per report (the report id is the idempotency
 * key). A config the new data cannot take is logged and left: the alert stands without a run.
 */
@Component
class RetrainTrigger {

    private static final Logger log = LoggerFactory.getLogger(RetrainTrigger.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TrainingLauncher launcher;
    private final DatasetVersions datasets;

    RetrainTrigger(TrainingLauncher launcher, DatasetVersions datasets) {
        this.launcher = launcher;
        this.datasets = datasets;
    }

    /** The new run's id, or null when it could not be submitted. */
    UUID retrain(MonitorRow monitor, HolderModel holder, RunInput trainedOn, long reportId) {
        DatasetSelector target = monitor.retrain();
        String dataset = target != null && target.dataset() != null ? target.dataset() : trainedOn.dataset();
        int version = target != null && target.version() != null ? target.version()
                : datasets.newest(monitor.projectKey(), dataset);
        TrainingRunRequest request = new TrainingRunRequest("retraining",
                monitor.name() + " retrain (report " + reportId + ")",
                new TrainingRunRequest.DatasetRef(dataset, version),
                JSON.readTree(TrainingConfigJson.toJson(holder.manifest().config())), null, null);
        // checked first: a refused launch inside this transaction would mark it rollback-only
        List<FieldProblem> problems = launcher.check(monitor.projectKey(), request);
        if (!problems.isEmpty()) {
            log.warn("monitor {}: retraining on {} v{} refused: {}", monitor.id(), dataset, version, problems);
            return null;
        }
        String runId = launcher.launch(monitor.projectKey(), request, "monitor-" + monitor.id() + "-report-" + reportId)
                .run().id();
        return RunIds.parse(runId);
    }
}
