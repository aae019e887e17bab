package io.trainyard.server.datasets.ingest;

import io.trainyard.server.datasets.profile.CsvProfiler;
import io.trainyard.server.datasets.profile.ProfileResult;
import io.trainyard.server.storage.BlobJanitor;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Hashes and stores an upload while profiling it: two independent reads of the spooled upload on two
 * threads, so ingest takes about as long as the slower of the two rather than their sum.
 */
@Component
public class CsvIngest implements DisposableBean {

    private final BlobStore blobs;
    private final BlobJanitor janitor;
    private final ExecutorService profilers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "csv-profiler");
        thread.setDaemon(true);
        return thread;
    });

    CsvIngest(BlobStore blobs, BlobJanitor janitor) {
        this.blobs = blobs;
        this.janitor = janitor;
    }

    /**
     * @throws io.trainyard.server.datasets.profile.InvalidCsvException when the bytes are no usable CSV; then
     *         nothing new is left in the blob store
     */
    public IngestedCsv ingest(ReopenableSource source, long maxBytes, String targetColumn) {
        CompletableFuture<ProfileResult> profile = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = source.open()) {
                return new CsvProfiler().profile(in, targetColumn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, profilers);
        StoredBlob content;
        try (InputStream in = source.open()) {
            content = blobs.put(in, maxBytes);
        } catch (IOException e) {
            profile.cancel(true);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            profile.cancel(true);
            throw e;
        }
        ProfileResult result;
        try {
            result = profile.join();
        } catch (CompletionException e) {
            janitor.deleteIfUnreferenced(content.sha256());
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        try {
            StoredBlob rowHashes = blobs.put(new ByteArrayInputStream(toBytes(result.sortedRowHashes())),
                    Long.MAX_VALUE);
            return new IngestedCsv(content, rowHashes, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads row hashes back from their blob. */
    public long[] rowHashes(String sha256) {
        try (InputStream in = blobs.open(sha256)) {
            ByteBuffer buffer = ByteBuffer.wrap(in.readAllBytes());
            long[] hashes = new long[buffer.remaining() / Long.BYTES];
            buffer.asLongBuffer().get(hashes);
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] toBytes(long[] hashes) {
        ByteBuffer buffer = ByteBuffer.allocate(hashes.length * Long.BYTES);
        buffer.asLongBuffer().put(hashes);
        return buffer.array();
    }

    @Override
    public void destroy() {
        profilers.shutdownNow();
    }
}
