package io.trainyard.server.datasets.catalog;

import io.trainyard.server.storage.BlobReferences;
import org.springframework.stereotype.Component;

/** Tells the blob janitor which blobs dataset versions still use (their bytes and their row hashes). */
@Component
class DatasetBlobReferences implements BlobReferences {

    private final VersionRepository versions;

    DatasetBlobReferences(VersionRepository versions) {
        this.versions = versions;
    }

    @Override
    public boolean references(String sha256) {
        return versions.referencesBlob(sha256);
    }
}
