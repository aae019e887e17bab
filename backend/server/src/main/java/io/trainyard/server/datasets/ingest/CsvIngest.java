package io.trainyard.server.datasets.ingest;

import io.trainyard.server.datasets.profile.CsvProfiler;
import io.trainyard.server.datasets.profile.ProfileResult;
import io.trainyard.server.storage.BlobJanitor;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.StoredBlob;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads an upload once: the bytes go to the blob store (hashed on the way) and, through a {@link ChunkPipe}, to the
 * profiler on a second thread. So ingest takes about as long as the slower of the two, and the upload is
 * never held in memory nor read twice.
 */
@Component
public class CsvIngest implements DisposableBean {

    /** Chunks the store may run ahead of the profiler before it waits (a chunk is one read, 8 to 64 KiB). */
    private static final int PIPE_CHUNKS = 256;

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
     * @throws io.trainyard.server.datasets.profile.InvalidCsvException when the bytes are no usable CSV;
     *         then nothing new is left in the blob store
     * @throws IllegalArgumentException when {@code targetColumn} is not a column of the file
     */
    public IngestedCsv ingest(InputStream upload, long maxBytes, String targetColumn) {
        ChunkPipe pipe = new ChunkPipe(PIPE_CHUNKS);
        InputStream profilerInput = pipe.reader();
        OutputStream toProfiler = pipe.writer();
        Future<ProfileResult> profile = profilers.submit(() -> {
            // closing our end tells the writer to stop at once if we fail early
            try (profilerInput) {
                return new CsvProfiler().profile(profilerInput, targetColumn);
            }
        });
        StoredBlob content;
        Tee tee = new Tee(upload, toProfiler);
        try (toProfiler) {
            content = blobs.put(tee, maxBytes);
        } catch (IOException | RuntimeException e) {
            if (tee.pipeBroken) {
                // the profiler gave up and closed the pipe: its reason is the one to report
                throwFailureOf(profile);
            }
            profile.cancel(true);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        ProfileResult result;
        try {
            result = await(profile);
        } catch (RuntimeException e) {
            janitor.deleteIfUnreferenced(content.sha256());
            throw e;
        }
        try {
            StoredBlob rowHashes = blobs.put(new LongArrayInputStream(result.sortedRowHashes()), Long.MAX_VALUE);
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

    private static void throwFailureOf(Future<ProfileResult> profile) {
        try {
            profile.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | CancellationException ignored) {
            // no reason of its own to report
        }
    }

    private static ProfileResult await(Future<ProfileResult> profile) {
        try {
            return profile.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while profiling", e);
        }
    }

    @Override
    public void destroy() {
        profilers.shutdownNow();
    }

    /** Hands every chunk read from the upload to the profiler's pipe as well. */
    private static final class Tee extends FilterInputStream {

        private final OutputStream copy;
        private volatile boolean pipeBroken;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                try {
                    copy.write(buffer, offset, read);
                } catch (IOException e) {
                    pipeBroken = true;
                    throw e;
                }
            }
            return read;
        }

        @Override
        public long skip(long n) {
            return 0;
        }
    }
}
