package io.trainyard.server.storage.s3;

import io.trainyard.server.storage.StoredBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a spooled file to its final key. Up to one part size it is a single PutObject that carries the
 * sha256 as {@code x-amz-checksum-sha256}, so a server that knows the header verifies the upload end to end.
 * Larger files go as a multipart upload, since one PutObject is capped at 5 GiB; S3 assembles the object
 * and shows it only when the upload completes, and a failed one is aborted so no parts linger.
 */
final class S3Upload {

    /** 64 MiB parts reach S3's 10,000-part limit only at 625 GiB; the part size grows beyond that. */
    static final long DEFAULT_PART_SIZE = 64L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final long minPartSize;

    S3Upload(S3Client s3, String bucket, long minPartSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.minPartSize = minPartSize;
    }

    /** @throws SdkException or {@link UncheckedIOException} (reading a part) when the upload fails */
    void file(Path file, String key, StoredBlob blob) {
        if (blob.sizeBytes() <= minPartSize) {
            s3.putObject(put -> put.bucket(bucket).key(key).contentLength(blob.sizeBytes())
                    .checksumSHA256(base64(blob.sha256())), RequestBody.fromFile(file));
        } else {
            multipart(file, key, blob.sizeBytes());
        }
    }

    private void multipart(Path file, String key, long size) {
        String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = uploadParts(file, key, uploadId, size);
            s3.completeMultipartUpload(complete -> complete.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(Path file, String key, String uploadId, long size) {
        long partSize = Math.max(minPartSize, ceilDiv(size, MAX_PARTS));
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += partSize) {
            int partNumber = parts.size() + 1;
            long length = Math.min(partSize, size - offset);
            RequestBody body = RequestBody.fromContentProvider(slice(file, offset, length), length,
                    "application/octet-stream");
            String eTag = s3.uploadPart(part -> part.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(length), body).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        }
        return parts;
    }

    private static ContentStreamProvider slice(Path file, long offset, long length) {
        return () -> {
            try {
                return FileSlice.open(file, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private void abortQuietly(String key, String uploadId, Exception failure) {
        try {
            s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the bucket's lifecycle rule for incomplete uploads is the last resort then
            failure.addSuppressed(e);
        }
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static String base64(String sha256Hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
