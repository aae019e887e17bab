package io.trainyard.server.storage.s3;

import io.trainyard.server.storage.BlobHash;
import io.trainyard.server.storage.BlobNotFoundException;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.StoredBlob;
import io.trainyard.server.storage.content.SpooledContent;
import io.trainyard.server.storage.content.StaleSpoolFiles;
import io.trainyard.server.storage.content.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects {@code <prefix>blobs/<sha256>} in an S3-compatible bucket.
 *
 * <p>A put cannot stream straight to S3: an upload must state its length up front, and the object's name (the
 * hash) is known only after the last byte. So the content is first spooled to a local temp file while it is
 * hashed and counted, then uploaded to its final key (see {@link S3Upload}). S3 makes an object visible only
 * once its upload is complete, so no temporary key (and no server-side copy of every byte) is needed; two
 * concurrent puts of the same bytes both write the same object, and whichever finishes last wins harmlessly.
 * SDK failures surface as {@link IOException}, as they would for a disk.
 *
 * <p>The credentials need {@code s3:GetObject}, {@code s3:PutObject}, {@code s3:DeleteObject} and
 * {@code s3:ListBucket} (without the last, AWS answers a lookup of a missing key with 403 instead of 404).
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final Path spoolDirectory;
    private final S3Upload upload;

    /**
     * @param keyPrefix      prepended verbatim to {@code blobs/<sha256>} (empty, or ending in {@code /})
     * @param spoolDirectory local directory for content on its way to S3; created when missing
     */
    public S3BlobStore(S3Client s3, String bucket, String keyPrefix, Path spoolDirectory) throws IOException {
        this(s3, bucket, keyPrefix, spoolDirectory, S3Upload.DEFAULT_PART_SIZE);
    }

    S3BlobStore(S3Client s3, String bucket, String keyPrefix, Path spoolDirectory, long partSize)
            throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.spoolDirectory = spoolDirectory;
        this.upload = new S3Upload(s3, bucket, partSize);
        Files.createDirectories(spoolDirectory);
        StaleSpoolFiles.removeFrom(spoolDirectory);
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        try (SpooledContent spooled = SpooledContent.spool(content, maxBytes, spoolDirectory)) {
            StoredBlob blob = spooled.blob();
            // same bytes already there: skip the upload (a copy of another length is damaged and gets replaced)
            if (!stat(blob.sha256()).equals(Optional.of(blob))) {
                String key = keyOf(blob.sha256());
                try {
                    upload.file(spooled.file(), key, blob);
                } catch (SdkException | UncheckedIOException e) {
                    throw failure("upload", key, e);
                }
            }
            return blob;
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        String key = keyOf(sha256);
        try {
            ResponseInputStream<GetObjectResponse> object = s3.getObject(get -> get.bucket(bucket).key(key));
            Long length = object.response().contentLength();
            if (length == null) {
                object.abort();
                throw new IOException("s3://" + bucket + "/" + key + " came without a Content-Length");
            }
            return new VerifyingInputStream(object, sha256, length);
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(sha256);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<StoredBlob> stat(String sha256) throws IOException {
        String key = keyOf(sha256);
        try {
            long size = s3.headObject(head -> head.bucket(bucket).key(key)).contentLength();
            return Optional.of(new StoredBlob(sha256, size));
        } catch (S3Exception e) {
            // a HEAD response has no body, so a missing key shows only as its status
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        String key = keyOf(sha256);
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Validates the hash first: only 64 hex digits ever become part of a key. */
    String keyOf(String sha256) {
        return keyPrefix + "blobs/" + BlobHash.requireValid(sha256);
    }

    private IOException failure(String action, String key, RuntimeException e) {
        return new IOException("Could not " + action + " s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
}
