package io.trainyard.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.common.ApiException;
import io.trainyard.server.storage.content.StaleSpoolFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * What every {@link BlobStore} promises, run by each implementation's test against a real store. Contents span
 * several of the stores' 64 KiB copy buffers, so chunking mistakes show.
 */
public abstract class BlobStoreContract {

    protected static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    protected Path scratch;

    protected abstract BlobStore store();

    /** The names of everything stored as a blob right now (files, object keys). */
    protected abstract List<String> storedBlobs() throws IOException;

    /** Whatever an unfinished put could have left: temp files, temp objects, pending uploads. */
    protected abstract List<String> leftovers() throws IOException;

    /** Where the store spools content before it stores it. */
    protected abstract Path spoolDirectory();

    /** Replaces the store with a new one on the same storage, as a server restart does. */
    protected abstract void restart() throws IOException;

    @Test
    void storesContentUnderItsSha256AndReadsItBack() throws IOException {
        byte[] content = randomBytes(200_000, 1);

        StoredBlob blob = store().put(new ByteArrayInputStream(content), 1_000_000);

        assertThat(blob).isEqualTo(new StoredBlob(sha256(content), content.length));
        assertThat(readAll(blob.sha256())).isEqualTo(content);
        assertThat(store().stat(blob.sha256())).contains(blob);
        assertThat(store().exists(blob.sha256())).isTrue();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void emptyContentIsABlobToo() throws IOException {
        StoredBlob blob = store().put(InputStream.nullInputStream(), 0);

        assertThat(blob).isEqualTo(new StoredBlob(EMPTY_SHA256, 0));
        assertThat(readAll(EMPTY_SHA256)).isEmpty();
    }

    @Test
    void sameContentTwiceIsOneBlob() throws IOException {
        byte[] content = randomBytes(100_000, 2);

        StoredBlob first = store().put(new ByteArrayInputStream(content), content.length);
        StoredBlob second = store().put(new ByteArrayInputStream(content), content.length);

        assertThat(second).isEqualTo(first);
        assertThat(storedBlobs()).hasSize(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameBytesYieldOneBlob() throws Exception {
        byte[] content = randomBytes(300_000, 3);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        Callable<StoredBlob> put = () -> {
            start.await();
            return store().put(new ByteArrayInputStream(content), content.length);
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<StoredBlob>> results = IntStream.range(0, threads).mapToObj(i -> pool.submit(put)).toList();
            start.countDown();
            for (Future<StoredBlob> result : results) {
                assertThat(result.get()).isEqualTo(new StoredBlob(sha256(content), content.length));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(storedBlobs()).hasSize(1);
        assertThat(leftovers()).isEmpty();
        assertThat(readAll(sha256(content))).isEqualTo(content);
    }

    @Test
    void contentLongerThanTheLimitIsRefusedAndNothingIsStored() throws IOException {
        byte[] content = randomBytes(150_001, 4);

        assertThatThrownBy(() -> store().put(new ByteArrayInputStream(content), 150_000))
                .isInstanceOfSatisfying(BlobTooLargeException.class, e -> {
                    assertThat(e.maxBytes()).isEqualTo(150_000);
                    assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                });

        assertThat(store().exists(sha256(content))).isFalse();
        assertThat(storedBlobs()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void contentExactlyAtTheLimitIsAccepted() throws IOException {
        byte[] content = randomBytes(150_000, 5);

        assertThat(store().put(new ByteArrayInputStream(content), 150_000).sizeBytes()).isEqualTo(150_000);
    }

    @Test
    void aStreamThatFailsMidwayStoresNothing() throws IOException {
        byte[] content = randomBytes(200_000, 6);

        assertThatThrownBy(() -> store().put(new FailingAfter(content, 100_000), Long.MAX_VALUE))
                .isInstanceOf(IOException.class).hasMessage("connection reset");

        assertThat(storedBlobs()).isEmpty();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUnknownHashIsNotFound() throws IOException {
        String unknown = sha256(randomBytes(10, 7));

        assertThatThrownBy(() -> store().open(unknown))
                .isInstanceOfSatisfying(BlobNotFoundException.class, e -> {
                    assertThat(e.sha256()).isEqualTo(unknown);
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                });
        assertThat(store().stat(unknown)).isEmpty();
        assertThat(store().exists(unknown)).isFalse();
    }

    @Test
    void deleteRemovesTheBlobAndDeletingAgainDoesNothing() throws IOException {
        StoredBlob blob = store().put(new ByteArrayInputStream(randomBytes(1000, 8)), 1000);

        store().delete(blob.sha256());
        store().delete(blob.sha256());

        assertThat(store().exists(blob.sha256())).isFalse();
        assertThat(storedBlobs()).isEmpty();
        assertThatThrownBy(() -> store().open(blob.sha256())).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void putFileStoresALocalFile() throws IOException {
        byte[] content = randomBytes(70_000, 9);
        Path file = Files.write(scratch.resolve("model.bin"), content);

        StoredBlob blob = store().putFile(file);

        assertThat(readAll(blob.sha256())).isEqualTo(content);
        assertThat(file).exists();
    }

    @Test
    void aRestartRemovesSpoolFilesThatACrashLeftBehindButNotRecentOnes() throws IOException {
        Path stale = Files.write(spoolDirectory().resolve("upload-1.part"), new byte[] {1});
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(StaleSpoolFiles.MAX_AGE).minusSeconds(60)));
        Path inProgress = Files.write(spoolDirectory().resolve("upload-2.part"), new byte[] {2});
        Path unrelated = Files.write(spoolDirectory().resolve("notes.txt"), new byte[] {3});
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.EPOCH));

        restart();

        assertThat(stale).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(unrelated).exists();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "../etc/passwd",
            "../../../../../../../../../../../../../../../../../../../../../../../../../../../etc/passwd",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb924",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/",
            "e3/b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void malformedHashesAreRefusedBeforeStorageIsTouched(String sha256) {
        assertThatThrownBy(() -> store().open(sha256)).isInstanceOf(ApiException.BadRequest.class);
        assertThatThrownBy(() -> store().stat(sha256)).isInstanceOf(ApiException.BadRequest.class);
        assertThatThrownBy(() -> store().exists(sha256)).isInstanceOf(ApiException.BadRequest.class);
        assertThatThrownBy(() -> store().delete(sha256)).isInstanceOf(ApiException.BadRequest.class);
    }

    protected byte[] readAll(String sha256) throws IOException {
        try (InputStream in = store().open(sha256)) {
            return in.readAllBytes();
        }
    }

    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client whose connection drops after {@code failAfter} bytes. */
    protected static final class FailingAfter extends InputStream {

        private final ByteArrayInputStream content;
        private int remaining;

        public FailingAfter(byte[] content, int failAfter) {
            this.content = new ByteArrayInputStream(content);
            this.remaining = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                throw new IOException("connection reset");
            }
            int read = content.read(buffer, offset, Math.min(length, remaining));
            remaining -= Math.max(read, 0);
            return read;
        }
    }
}
