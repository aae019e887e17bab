package io.trainyard.server.datasets.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and fails on bytes that are not UTF-8, at the right place: every character before the
 * bad bytes is delivered first, so the CSV parser is on the line that holds them when
 * {@link NotUtf8Exception} comes. ({@link java.io.InputStreamReader} with a reporting decoder throws
 * as soon as its read-ahead meets them, lines earlier.)
 */
final class StrictUtf8Reader extends Reader {

    /** Bytes that are not UTF-8, {@link #byteOffset} bytes into the stream. */
    static final class NotUtf8Exception extends IOException {
        final long byteOffset;

        NotUtf8Exception(long byteOffset) {
            super("bytes that are not UTF-8 at byte " + byteOffset);
            this.byteOffset = byteOffset;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    /** Stream offset of {@code bytes.array()[0]}. */
    private long bufferOffset;
    private final long firstOffset;
    private boolean endOfInput;
    private boolean flushed;
    private NotUtf8Exception pending;

    /** @param firstOffset the stream offset of the first byte {@code in} delivers (after a skipped BOM) */
    StrictUtf8Reader(InputStream in, long firstOffset) {
        this.in = in;
        this.firstOffset = firstOffset;
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            int produced = out.position() - off;
            if (result.isError()) {
                NotUtf8Exception error = new NotUtf8Exception(firstOffset + bufferOffset + bytes.position());
                if (produced > 0) {
                    pending = error; // deliver the good characters first
                    return produced;
                }
                throw error;
            }
            if (result.isOverflow() || produced > 0 && !endOfInput) {
                return produced;
            }
            if (endOfInput) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                    produced = out.position() - off;
                }
                return produced > 0 ? produced : -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        bufferOffset += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
