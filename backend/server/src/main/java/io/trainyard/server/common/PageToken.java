package io.trainyard.server.common;

import java.nio.charset.StandardCharsets;
import io.trainyard.client.model.Page;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

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

    /**
     * Turns rows fetched with a limit of {@code size + 1} into a page: the extra row, if any, only tells that
     * there is a next page, whose token carries the key of the page's last item.
     */
    public static <R, T> Page<T> page(List<R> rows, int size, Function<R, T> toItem, Function<T, String> keyOf) {
        List<T> items = rows.stream().limit(size).map(toItem).toList();
        String next = rows.size() > size ? encode(keyOf.apply(items.get(size - 1))) : null;
        return new Page<>(items, next);
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A token for offset pages, which orders with no usable keyset (any sort key may repeat) fall back to. */
    public static String encodeOffset(int offset) {
        return encode(Integer.toString(offset));
    }

    /**
     * The offset a token from {@link #encodeOffset} carries, 0 for none.
     *
     * @throws ApiException.BadRequest naming {@code pageToken} for anything else, or an offset beyond {@code max}
     */
    public static int decodeOffset(String token, int max) {
        String decoded = decode(token);
        if (decoded.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(decoded);
            if (offset >= 0 && offset <= max) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
    }

    /**
     * For lists newest first by a numeric key: the key the next page starts below, {@link Long#MAX_VALUE} for
     * the first page.
     *
     * @throws ApiException.BadRequest naming {@code pageToken} for a token that does not carry a number
     */
    public static long decodeBelow(String token) {
        String decoded = decode(token);
        try {
            return decoded.isEmpty() ? Long.MAX_VALUE : Long.parseLong(decoded);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
        }
    }

    /** {@link #decodeBelow} for int keys (version numbers): {@link Integer#MAX_VALUE} for the first page. */
    public static int decodeBelowInt(String token) {
        long below = decodeBelow(token);
        if (below == Long.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (below != (int) below) {
            throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
        }
        return (int) below;
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
