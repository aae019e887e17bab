package io.trainyard.server.datasets;

import io.trainyard.server.datasets.catalog.VersionService;
import org.springframework.stereotype.Service;

/** What other modules may ask about dataset versions: find one the caller may read, by name and number. */
@Service
public class DatasetVersions {

    private final VersionService versions;

    DatasetVersions(VersionService versions) {
        this.versions = versions;
    }

    /**
     * The version, after checking that the caller may read the project.
     *
     * @throws io.trainyard.server.common.ApiException.NotFound when the project, dataset or version is unknown
     */
    public DatasetVersionRef resolve(String projectKey, String dataset, int version) {
        return versions.load(projectKey, dataset, version).ref();
    }

    /** The version's REST view (columns with their profile), after the same check. */
    public io.trainyard.client.model.DatasetVersion describe(String projectKey, String dataset, int version) {
        return versions.get(projectKey, dataset, version);
    }
}
