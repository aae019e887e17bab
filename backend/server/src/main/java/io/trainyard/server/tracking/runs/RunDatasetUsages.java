package io.trainyard.server.tracking.runs;

import io.trainyard.server.datasets.DatasetVersionRef;
import io.trainyard.server.datasets.DatasetVersionUsage;
import io.trainyard.server.datasets.DatasetVersionUsages;
import io.trainyard.server.tracking.RunIds;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lineage for the dataset version page: the runs that used the version. */
@Component
class RunDatasetUsages implements DatasetVersionUsages {

    private static final int SHOWN = 100;

    private final RunStore store;

    RunDatasetUsages(RunStore store) {
        this.store = store;
    }

    @Override
    public List<DatasetVersionUsage> usagesOf(DatasetVersionRef version) {
        return store.usingVersion(version.id(), SHOWN).stream()
                .map(run -> new DatasetVersionUsage("run", run.name() + " (" + run.status().wireName() + ")",
                        "/runs/" + RunIds.format(run.id()), run.createdAt()))
                .toList();
    }
}
