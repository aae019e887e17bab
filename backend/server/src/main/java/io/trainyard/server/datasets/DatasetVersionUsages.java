package io.trainyard.server.datasets;

import java.util.List;

/**
 * Implemented by modules that record uses of dataset versions (tracking: a run's inputs). The datasets
 * module asks every implementation when it shows a version, so it never depends on those modules.
 */
public interface DatasetVersionUsages {

    List<DatasetVersionUsage> usagesOf(DatasetVersionRef version);
}
