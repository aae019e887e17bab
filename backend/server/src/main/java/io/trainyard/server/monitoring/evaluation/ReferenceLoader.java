package io.trainyard.server.monitoring.evaluation;

import io.trainyard.client.model.DatasetSelector;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunInput;
import io.trainyard.server.datasets.ColumnTable;
import io.trainyard.server.datasets.DatasetColumns;
import io.trainyard.server.datasets.DatasetSplit;
import io.trainyard.server.datasets.DatasetSplits;
import io.trainyard.server.datasets.SplitSpec;
import io.trainyard.server.monitoring.MonitoringProperties;
import io.trainyard.server.monitoring.monitors.MonitorRow;
import io.trainyard.server.tracking.RunIds;
import io.trainyard.server.tracking.RunTracking;
import io.trainyard.training.config.SplitConfig;
import io.trainyard.training.config.TrainingConfig;
import org.springframework.stereotype.Component;

/**
 * The reference: the monitor's chosen dataset version (every row), or by default the training split of the
 * dataset version the alias holder was trained on, rebuilt from the holder's config exactly as training split it.
 */
@Component
class ReferenceLoader {

    private final DatasetColumns columns;
    private final DatasetSplits splits;
    private final RunTracking tracking;
    private final MonitoringProperties properties;

    ReferenceLoader(DatasetColumns columns, DatasetSplits splits, RunTracking tracking,
                    MonitoringProperties properties) {
        this.columns = columns;
        this.splits = splits;
        this.tracking = tracking;
        this.properties = properties;
    }

    /** @param trainedOn the holder's training data ({@link #trainingInput}); used when the monitor names no reference */
    DataSide load(MonitorRow monitor, HolderModel holder, RunInput trainedOn) {
        String project = monitor.projectKey();
        DatasetSelector chosen = monitor.reference();
        if (chosen != null) {
            ColumnTable table = columns.read(project, chosen.dataset(), chosen.version(), holder.features(), null,
                    DatasetColumns.TRAIN, properties.maxReferenceRows());
            return side(chosen.dataset() + " v" + chosen.version(), table, holder);
        }
        TrainingConfig config = holder.config();
        SplitConfig split = config.split();
        String stratify = config.isClassification() && Boolean.TRUE.equals(split.stratify()) ? config.target() : null;
        DatasetSplit assignment = splits.split(project, trainedOn.dataset(), trainedOn.version(),
                new SplitSpec(split.validation(), split.test(), stratify, split.seed()));
        ColumnTable table = columns.read(project, trainedOn.dataset(), trainedOn.version(), holder.features(),
                assignment, DatasetColumns.TRAIN, properties.maxReferenceRows());
        return side(trainedOn.dataset() + " v" + trainedOn.version() + " (training split)", table, holder);
    }

    /** The dataset version of the holder's run (its Trainyard input). */
    RunInput trainingInput(HolderModel holder) {
        Run run = tracking.get(RunIds.format(holder.version().runId()), ProjectRole.VIEWER);
        return run.inputs().stream().filter(i -> i.dataset() != null && i.version() != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("the run of version " + holder.version().version()
                        + " records no dataset version; give the monitor a reference"));
    }

    private DataSide side(String label, ColumnTable table, HolderModel holder) {
        return new DataSide(label, table.rows(), table.columns(), table.absent(), null, null,
                ModelOutputs.score(holder, table, properties.maxOutputRows()));
    }
}
