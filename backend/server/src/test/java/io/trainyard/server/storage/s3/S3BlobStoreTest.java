package io.trainyard.server.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.BlobStoreContract;
import io.trainyard.server.storage.StoredBlob;
import io.trainyard.server.support.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 store against a real S3 server (S3Proxy), each test in a bucket of its own. */
class S3BlobStoreTest extends BlobStoreContract {

    /** Small parts, so a multipart upload needs only a few MiB; S3 itself wants at least 5 MiB per part. */
    private static final long PART_SIZE = 5L * 1024 * 1024;

    private static S3TestServer server;

    private S3Client s3;
    private String bucket;
    private Path spool;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void createStore() throws IOException {
        s3 = server.client();
        bucket = "test-" + UUID.randomUUID();
        server.createBucket(bucket);
        spool = scratch.resolve("spool");
        store = new S3BlobStore(server.client(), bucket, "install-1/", spool, PART_SIZE);
    }

    @AfterEach
    void closeStore() {
        store.close();
        s3.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected List<String> storedBlobs() {
        return server.keys(bucket);
    }

    @Override
    protected List<String> leftovers() throws IOException {
        List<String> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.list(spool)) {
            files.map(Path::toString).forEach(leftovers::add);
        }
        s3.listMultipartUploads(list -> list.bucket(bucket)).uploads()
                .forEach(upload -> leftovers.add("upload of " + upload.key()));
        return leftovers;
    }

    @Override
    protected Path spoolDirectory() {
        return spool;
    }

    @Override
    protected void restart() throws IOException {
        store.close();
        store = new S3BlobStore(server.client(), bucket, "install-1/", spool, PART_SIZE);
    }

    @Test
    void keepsEachBlobUnderTheKeyPrefix() throws IOException {
        StoredBlob blob = store.put(new ByteArrayInputStream(new byte[0]), 0);

        assertThat(storedBlobs()).containsExactly("install-1/blobs/" + blob.sha256());
    }

    @Test
    void uploadsLargeContentInPartsAndReadsItBackWhole() throws IOException {
        byte[] content = randomBytes((int) (2 * PART_SIZE + 12_345), 20);

        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);

        assertThat(blob).isEqualTo(new StoredBlob(sha256(content), content.length));
        assertThat(readAll(blob.sha256())).isEqualTo(content);
        assertThat(storedBlobs()).containsExactly("install-1/blobs/" + blob.sha256());
        // S3 names a multipart object's ETag after its part count
        assertThat(s3.headObject(head -> head.bucket(bucket).key("install-1/blobs/" + blob.sha256())).eTag())
                .endsWith("-3\"");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anObjectWithOtherContentThanItsNameFailsToRead() throws IOException {
        byte[] content = randomBytes(100_000, 21);
        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);
        byte[] damaged = content.clone();
        damaged[77_777] ^= 0x01;
        s3.putObject(put -> put.bucket(bucket).key("install-1/blobs/" + blob.sha256()),
                RequestBody.fromBytes(damaged));

        assertThatThrownBy(() -> readAll(blob.sha256()))
                .isInstanceOf(IOException.class).hasMessageContaining("is damaged: its content hashes to");
    }

    @Test
    void storingTheSameContentAgainReplacesACopyOfTheWrongLength() throws IOException {
        byte[] content = randomBytes(50_000, 22);
        StoredBlob blob = store.put(new ByteArrayInputStream(content), content.length);
        s3.putObject(put -> put.bucket(bucket).key("install-1/blobs/" + blob.sha256()),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));

        store.put(new ByteArrayInputStream(content), content.length);

        assertThat(readAll(blob.sha256())).isEqualTo(content);
    }

    @Test
    void theServerRefusesAnUploadWhoseBytesDoNotMatchTheirSha256() throws IOException {
        Path file = Files.write(scratch.resolve("content"), randomBytes(1000, 23));
        StoredBlob claimed = new StoredBlob(sha256(new byte[1000]), 1000);

        assertThatThrownBy(() -> new S3Upload(s3, bucket, PART_SIZE).file(file, "some/key", claimed))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThat(storedBlobs()).isEmpty();
    }

    @Test
    void aStoreWithWrongCredentialsFailsWithAnIoException() throws IOException {
        try (S3BlobStore stranger = new S3BlobStore(
                S3Clients.create(server.endpoint(), "us-east-1", "someone", "wrong-secret", true),
                bucket, "", spool)) {
            assertThatThrownBy(() -> stranger.put(new ByteArrayInputStream(new byte[10]), 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("s3://" + bucket + "/");
        }
        assertThat(leftovers()).isEmpty();
    }
}
