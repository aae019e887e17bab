package io.trainyard.server.storage.filesystem;

import io.trainyard.server.storage.BlobHash;
import io.trainyard.server.storage.BlobNotFoundException;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.StoredBlob;
import io.trainyard.server.storage.content.SpooledContent;
import io.trainyard.server.storage.content.StaleSpoolFiles;
import io.trainyard.server.storage.content.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Blobs as files: {@code <root>/<first 2 hex>/<next 2 hex>/<sha256>} (two levels keep directories small), written
 * to {@code <root>/tmp/} first, forced to disk and renamed atomically, so a real name only ever holds a complete
 * blob. Shard directories are never removed: a concurrent put may be renaming into one.
 */
public final class FilesystemBlobStore implements BlobStore {

    private final Path root;
    private final Path tempDirectory;

    /** @param root the store's directory ({@code <trainyard.data-dir>/blobs}); created when missing */
    public FilesystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tempDirectory = this.root.resolve("tmp");
        Files.createDirectories(tempDirectory);
        StaleSpoolFiles.removeFrom(tempDirectory);
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        try (SpooledContent spooled = SpooledContent.spool(content, maxBytes, tempDirectory)) {
            StoredBlob blob = spooled.blob();
            moveIntoPlace(spooled.file(), pathOf(blob.sha256()));
            return blob;
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        Path path = pathOf(sha256);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(sha256);
        }
        // the size of the file we opened, even if the name is replaced meanwhile
        return new VerifyingInputStream(Channels.newInputStream(channel), sha256, channel.size());
    }

    @Override
    public Optional<StoredBlob> stat(String sha256) throws IOException {
        try {
            return Optional.of(new StoredBlob(sha256, Files.size(pathOf(sha256))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    /** Validates the hash first: only 64 hex digits ever become part of a path. */
    private Path pathOf(String sha256) {
        BlobHash.requireValid(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /**
     * Renames over an existing copy rather than keeping it: the content is the same by construction, and a
     * fresh copy also replaces one that was damaged on disk. Readers of the old file keep reading it.
     */
    private static void moveIntoPlace(Path spooled, Path target) throws IOException {
        Path shard = target.getParent();
        boolean newShard = !Files.isDirectory(shard);
        Files.createDirectories(shard);
        try {
            Files.move(spooled, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a platform whose rename does not replace: an equal blob is there already
            return;
        }
        // the rename is durable only once the directory entry is on disk (and, for new shards, theirs too)
        Fsync.directory(shard);
        if (newShard) {
            Fsync.directory(shard.getParent());
            Fsync.directory(shard.getParent().getParent());
        }
    }
}
