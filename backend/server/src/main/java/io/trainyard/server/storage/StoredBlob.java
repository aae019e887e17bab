package io.trainyard.server.storage;

/**
 * A blob as the store holds it: its name is the sha256 of its content (64 lowercase hex digits).
 *
 * @param sha256    the hash of the content, and so the blob's name
 * @param sizeBytes the content's length
 */
public record StoredBlob(String sha256, long sizeBytes) {

    public StoredBlob {
        BlobHash.requireValid(sha256);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
    }
}
