package io.trainyard.server.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset pagination: a token carries the sort key of the last item served. Page sizes are clamped
 * so no caller can ask for an unbounded list.
 */
public final class PageToken {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private PageToken() {
    }

    public static int clampPageSize(Integer requested) {
        if (requested == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (requested < 1) {
            throw new ApiException.BadRequest("pageSize", "must be at least 1");
        }
        return Math.min(requested, MAX_PAGE_SIZE);
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The last key the previous page ended on, or "" for the first page. */
    public static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
        }
    }
}
