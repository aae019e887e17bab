package io.trainyard.server.storage.content;

import io.trainyard.server.common.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hands a blob's bytes through and checks them: more bytes than expected fail at once, and at the end the
 * count and the sha256 must match the blob's name, else the read that would report the end throws instead.
 * So a reader that reads to the end never takes a damaged or truncated blob for a good one.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final String expectedSha256;
    private final long expectedSize;
    private final MessageDigest digest = Sha256.newDigest();
    private long count;
    private String failure;
    private boolean verified;

    public VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read == -1) {
            verifyAtEnd();
            return -1;
        }
        digest.update(buffer, offset, read);
        count += read;
        if (count > expectedSize) {
            throw fail("it is longer than its stored size of " + expectedSize + " bytes");
        }
        return read;
    }

    /** Skipped bytes are read and hashed too: otherwise the check at the end could not be made. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read == -1) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: a reset would feed the same bytes to the digest twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verifyAtEnd() throws IOException {
        if (verified) {
            return;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
        if (count != expectedSize) {
            throw fail("it ended after " + count + " of " + expectedSize + " bytes");
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(expectedSha256)) {
            throw fail("its content hashes to " + actual);
        }
        verified = true;
    }

    private IOException fail(String why) {
        failure = "Blob " + expectedSha256 + " is damaged: " + why;
        return new IOException(failure);
    }
}
