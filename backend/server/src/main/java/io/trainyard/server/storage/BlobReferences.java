package io.trainyard.server.storage;

/**
 * Implemented by every module that keeps blob hashes (dataset versions, run artifacts, model bundles), so
 * that a blob is deleted only when no module references it any more.
 */
public interface BlobReferences {

    boolean references(String sha256);
}
