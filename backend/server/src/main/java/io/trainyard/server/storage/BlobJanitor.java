package io.trainyard.server.storage;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs that nothing references. Blobs are shared by content (two datasets with the same bytes, a
 * model bundle reused by several versions), so no module may delete one on its own say. An upload of the same
 * bytes that is stored but not yet recorded is not seen; a periodic sweep of old unreferenced blobs would be
 * the safer way once blobs pile up.
 */
@Component
public class BlobJanitor {

    private static final Logger log = LoggerFactory.getLogger(BlobJanitor.class);

    private final BlobStore blobs;
    private final List<BlobReferences> references;

    BlobJanitor(BlobStore blobs, List<BlobReferences> references) {
        this.blobs = blobs;
        this.references = references;
    }

    /** @return whether the blob was deleted */
    public boolean deleteIfUnreferenced(String sha256) {
        if (references.stream().anyMatch(reference -> reference.references(sha256))) {
            return false;
        }
        try {
            blobs.delete(sha256);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete unreferenced blob {}: {}", sha256, e.toString());
            return false;
        }
    }
}
