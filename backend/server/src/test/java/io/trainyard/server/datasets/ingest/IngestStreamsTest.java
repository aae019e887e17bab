package io.trainyard.server.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class IngestStreamsTest {

    @Test
    void longArrayBytesAreBigEndianWhateverTheReadSizes() throws IOException {
        long[] values = new Random(1).longs(1001).toArray();
        ByteBuffer expected = ByteBuffer.allocate(values.length * Long.BYTES);
        expected.asLongBuffer().put(values);

        InputStream in = new LongArrayInputStream(values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[13];
        assertThat(in.read()).isEqualTo(expected.get(0) & 0xff);
        out.write(expected.get(0));
        for (int read = in.read(buffer, 0, 13); read != -1; read = in.read(buffer, 0, 5 + out.size() % 9)) {
            out.write(buffer, 0, read);
        }
        assertThat(out.toByteArray()).isEqualTo(expected.array());
    }

    @Test
    void thePipeDeliversEveryByteInOrderAcrossThreads() throws Exception {
        byte[] content = new byte[3_000_000];
        new Random(2).nextBytes(content);
        ChunkPipe pipe = new ChunkPipe(4);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = pipe.reader()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (OutputStream out = pipe.writer()) {
            for (int offset = 0; offset < content.length; offset += 8192) {
                out.write(content, offset, Math.min(8192, content.length - offset));
            }
        }
        assertThat(received.get()).isEqualTo(content);
    }

    @Test
    void aWriterFailsOnceTheReaderHasGivenUp() throws IOException {
        ChunkPipe pipe = new ChunkPipe(2);
        pipe.reader().close();
        OutputStream out = pipe.writer();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                out.write(new byte[100], 0, 100);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
