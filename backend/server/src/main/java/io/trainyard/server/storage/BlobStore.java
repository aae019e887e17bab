package io.trainyard.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed storage: a blob's name is the sha256 of its bytes, so storing the same bytes twice yields
 * the same {@link StoredBlob} and one copy. A blob becomes visible only once all its bytes are stored; a failed
 * or refused put leaves nothing behind under a real name.
 *
 * <p>Every method that takes a hash rejects anything but 64 lowercase hex digits with
 * {@link io.trainyard.server.common.ApiException.BadRequest} before it touches storage. {@link IOException}
 * means the storage itself failed (disk, network, a damaged blob).
 *
 * <p>The store keeps no references: callers (the modules whose rows hold the hashes) decide when a blob is no
 * longer used and {@link #delete} it. Since equal content shares one blob, a caller must not delete a hash that
 * any other row still names, and must not delete one that a concurrent put may just have returned (delete only
 * blobs that have stayed unreferenced for a while).
 */
public interface BlobStore {

    /**
     * Streams {@code content} into the store (it is never held in memory as a whole) and returns its hash and
     * size. Does not close {@code content}.
     *
     * @param maxBytes the most bytes accepted; as soon as more arrive the put stops and nothing is stored
     * @throws BlobTooLargeException when the content is longer than {@code maxBytes}
     * @throws IOException           when reading the content or writing it fails; nothing is stored then
     */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /** Stores a local file (a model artifact the in-process executor wrote, say), whatever its size. */
    default StoredBlob putFile(Path file) throws IOException {
        try (InputStream content = Files.newInputStream(file)) {
            return put(content, Long.MAX_VALUE);
        }
    }

    /**
     * The blob's content, to be closed by the caller. The stream checks what it delivers: when it reaches the
     * end and the bytes read do not have the stored length or do not hash to {@code sha256}, that last read
     * throws {@link IOException} instead of reporting the end. A caller that stops early gets no such check.
     *
     * @throws BlobNotFoundException when no blob has this hash
     */
    InputStream open(String sha256) throws IOException;

    /** The stored blob with this hash, or empty when there is none; a missing blob is not an error here. */
    Optional<StoredBlob> stat(String sha256) throws IOException;

    default boolean exists(String sha256) throws IOException {
        return stat(sha256).isPresent();
    }

    /** Removes the blob; deleting one that is not there does nothing. See the class comment for when to call it. */
    void delete(String sha256) throws IOException;
}
