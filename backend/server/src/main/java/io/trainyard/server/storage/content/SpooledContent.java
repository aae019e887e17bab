package io.trainyard.server.storage.content;

import io.trainyard.server.common.Sha256;
import io.trainyard.server.storage.BlobTooLargeException;
import io.trainyard.server.storage.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Content copied to a temporary file while its sha256 and length are computed, and forced to disk before
 * anyone can see it under its real name. The store then moves or uploads {@link #file()}; closing deletes
 * whatever is still there, so a failed, refused or duplicate put leaves no temp file behind.
 */
public final class SpooledContent implements AutoCloseable {

    /** The spool files' names, so that stale ones can be told from anything else in the directory. */
    static final String FILE_GLOB = "upload-*.part";

    /** Large enough that reading and hashing, not system calls, dominate; small enough to allocate per put. */
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path file;
    private final StoredBlob blob;

    private SpooledContent(Path file, StoredBlob blob) {
        this.file = file;
        this.blob = blob;
    }

    /**
     * @throws BlobTooLargeException as soon as more than {@code maxBytes} have arrived; the temp file is gone
     * @throws IOException           when reading or writing fails; the temp file is gone
     */
    public static SpooledContent spool(InputStream content, long maxBytes, Path tempDirectory) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        Path file = Files.createTempFile(tempDirectory, "upload-", ".part");
        try {
            return new SpooledContent(file, copy(content, maxBytes, file));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(file, e);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public StoredBlob blob() {
        return blob;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static StoredBlob copy(InputStream content, long maxBytes, Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                size += read;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            // data and length on disk before the rename or upload: a crash must not leave a short blob
            out.force(true);
        }
        return new StoredBlob(Sha256.hex(digest), size);
    }

    private static void deleteQuietly(Path file, Throwable failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
