package io.trainyard.server.datasets;

import io.trainyard.server.datasets.catalog.VersionService;
import org.springframework.stereotype.Service;

/** What other modules may ask about dataset versions: find one the caller may read, by name and number. */
@Service
public class DatasetVersions {

    private final VersionService versions;
    private final io.trainyard.server.datasets.catalog.DatasetService datasets;

    DatasetVersions(VersionService versions, io.trainyard.server.datasets.catalog.DatasetService datasets) {
        this.versions = versions;
        this.datasets = datasets;
    }

    /** The project's datasets by name, at most {@code limit} (for pickers). */
    public java.util.List<io.trainyard.client.model.Dataset> datasets(String projectKey, int limit) {
        return datasets.list(projectKey, limit, null).items();
    }

    /**
     * The version, after checking that the caller may read the project.
     *
     * @throws io.trainyard.server.common.ApiException.NotFound when the project, dataset or version is unknown
     */
    public DatasetVersionRef resolve(String projectKey, String dataset, int version) {
        return versions.load(projectKey, dataset, version).ref();
    }

    /**
     * The dataset's newest version number, after the same check.
     *
     * @throws io.trainyard.server.common.ApiException.NotFound when the dataset is unknown or has no version
     */
    public int newest(String projectKey, String dataset) {
        return versions.versionNumbers(projectKey, dataset).stream().findFirst().orElseThrow(
                () -> new io.trainyard.server.common.ApiException.NotFound("a version of dataset '" + dataset + "'"));
    }

    /** The version's REST view (columns with their profile), after the same check. */
    public io.trainyard.client.model.DatasetVersion describe(String projectKey, String dataset, int version) {
        return versions.get(projectKey, dataset, version);
    }
}
