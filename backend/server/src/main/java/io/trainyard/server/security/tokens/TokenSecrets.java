package io.trainyard.server.security.tokens;

import io.trainyard.server.common.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: {@code ty_} and 256 random bits, so secret scanners recognise a leaked one. A sha256 is
 * enough to store them (unlike passwords they carry full entropy), and it allows lookup by hash.
 */
final class TokenSecrets {

    static final String PREFIX = "ty_";
    private static final int SHOWN_PREFIX_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean looksLikeToken(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    static String shownPrefix(String secret) {
        return secret.substring(0, SHOWN_PREFIX_LENGTH);
    }

    static String hash(String secret) {
        return Sha256.hex(secret);
    }
}
