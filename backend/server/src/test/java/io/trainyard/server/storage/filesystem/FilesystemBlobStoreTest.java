package io.trainyard.server.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.BlobStoreContract;
import io.trainyard.server.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilesystemBlobStoreTest extends BlobStoreContract {

    private Path root;
    private FilesystemBlobStore store;

    @BeforeEach
    void createStore() throws IOException {
        root = scratch.resolve("blobs");
        store = new FilesystemBlobStore(root);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> storedBlobs() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(root.resolve("tmp")))
                    .map(file -> root.relativize(file).toString()).toList();
        }
    }

    @Override
    protected List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(spoolDirectory())) {
            return files.map(Path::toString).toList();
        }
    }

    @Override
    protected Path spoolDirectory() {
        return root.resolve("tmp");
    }

    @Override
    protected void restart() throws IOException {
        store = new FilesystemBlobStore(root);
    }

    @Test
    void keepsEachBlobUnderTwoLevelsOfShardDirectories() throws IOException {
        StoredBlob blob = store.put(InputStream.nullInputStream(), 0);

        assertThat(storedBlobs()).containsExactly("e3/b0/" + EMPTY_SHA256);
        assertThat(blob.sha256()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void aBlobDamagedOnDiskFailsToRead() throws IOException {
        byte[] content = randomBytes(200_000, 10);
        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);
        Path file = root.resolve(storedBlobs().get(0));
        try (RandomAccessFile damaged = new RandomAccessFile(file.toFile(), "rw")) {
            damaged.seek(123_456);
            damaged.write(content[123_456] ^ 0x01);
        }

        assertThatThrownBy(() -> readAll(blob.sha256()))
                .isInstanceOf(IOException.class).hasMessageContaining("is damaged: its content hashes to");
    }

    @Test
    void aTruncatedBlobFailsToRead() throws IOException {
        byte[] content = randomBytes(100_000, 11);
        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);
        Path file = root.resolve(storedBlobs().get(0));
        try (RandomAccessFile truncated = new RandomAccessFile(file.toFile(), "rw")) {
            truncated.setLength(99_999);
        }

        assertThatThrownBy(() -> readAll(blob.sha256())).isInstanceOf(IOException.class);
        assertThat(store.stat(blob.sha256())).contains(new StoredBlob(blob.sha256(), 99_999));
    }

    @Test
    void storingTheSameContentAgainRepairsADamagedCopy() throws IOException {
        byte[] content = randomBytes(50_000, 12);
        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);
        Files.write(root.resolve(storedBlobs().get(0)), new byte[] {1, 2, 3});

        store.put(new ByteArrayInputStream(content), content.length);

        assertThat(readAll(blob.sha256())).isEqualTo(content);
    }
}
