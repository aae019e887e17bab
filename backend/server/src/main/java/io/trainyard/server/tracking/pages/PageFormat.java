package io.trainyard.server.tracking.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the tracking pages print numbers, sizes and times. */
final class PageFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PageFormat() {
    }

    /** Up to six significant digits; NaN and infinities by name; absent as an empty string. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static String instant(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", kb);
        }
        double mb = kb / 1024;
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MiB", mb) : String.format(Locale.ROOT, "%.2f GiB", mb / 1024);
    }
}
