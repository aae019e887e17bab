package io.trainyard.server.storage;

import io.trainyard.server.common.ApiException;
import java.util.regex.Pattern;

/**
 * The one accepted spelling of a blob's name: 64 lowercase hex digits. Stores check it before a name becomes
 * part of a path or an object key, so nothing a user sends can point outside the store ({@code ../}, slashes,
 * another case of the same hash).
 */
public final class BlobHash {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private BlobHash() {
    }

    public static boolean isValid(String sha256) {
        return sha256 != null && SHA256_HEX.matcher(sha256).matches();
    }

    /** @throws ApiException.BadRequest (400) when {@code sha256} is not 64 lowercase hex digits */
    public static String requireValid(String sha256) {
        if (!isValid(sha256)) {
            throw new ApiException.BadRequest("sha256", "must be 64 lowercase hexadecimal digits");
        }
        return sha256;
    }
}
