package io.trainyard.server.storage.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** {@link VerifyingInputStream}: the read-side check, whichever way a caller consumes the stream. */
class BlobReadVerificationTest {

    private static final byte[] CONTENT = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
    private static final String SHA256 = sha256(CONTENT);

    @Test
    void byteByByteReadingChecksAtTheEnd() throws IOException {
        InputStream good = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), SHA256, CONTENT.length);
        while (good.read() != -1) {
            // consume
        }

        byte[] damaged = CONTENT.clone();
        damaged[0] = 'T';
        InputStream bad = new VerifyingInputStream(new ByteArrayInputStream(damaged), SHA256, CONTENT.length);
        assertThatThrownBy(() -> {
            while (bad.read() != -1) {
                // consume
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("hashes to");
    }

    @Test
    void skippedBytesStillCountTowardsTheCheck() throws IOException {
        byte[] damaged = CONTENT.clone();
        damaged[2] = 'E';
        InputStream bad = new VerifyingInputStream(new ByteArrayInputStream(damaged), SHA256, CONTENT.length);

        assertThat(bad.skip(5)).isEqualTo(5);
        assertThatThrownBy(bad::readAllBytes).isInstanceOf(IOException.class);
    }

    @Test
    void aShortOrLongStreamFailsEvenBeforeHashing() {
        byte[] shorter = new byte[CONTENT.length - 1];
        System.arraycopy(CONTENT, 0, shorter, 0, shorter.length);
        assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(shorter), SHA256, CONTENT.length)
                .readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("ended after 18 of 19 bytes");

        assertThatThrownBy(() -> new VerifyingInputStream(new ByteArrayInputStream(CONTENT), SHA256, 10)
                .readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("longer than its stored size");
    }

    @Test
    void theFailureRepeatsOnEveryLaterRead() {
        InputStream bad = new VerifyingInputStream(new ByteArrayInputStream(new byte[3]), SHA256, 3);

        assertThatThrownBy(bad::readAllBytes).isInstanceOf(IOException.class);
        assertThatThrownBy(bad::read).isInstanceOf(IOException.class);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
