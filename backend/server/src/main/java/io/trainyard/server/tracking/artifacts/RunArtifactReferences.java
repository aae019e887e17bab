package io.trainyard.server.tracking.artifacts;

import io.trainyard.server.storage.BlobReferences;
import org.springframework.stereotype.Component;

/** Keeps the blob janitor from deleting a blob that a run artifact still names. */
@Component
class RunArtifactReferences implements BlobReferences {

    private final ArtifactService artifacts;

    RunArtifactReferences(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    public boolean references(String sha256) {
        return artifacts.references(sha256);
    }
}
