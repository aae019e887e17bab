package io.trainyard.server.common;

/** Tidying of free text from requests before it is stored. */
public final class Texts {

    private Texts() {
    }

    /** Null for null, empty or blank text; else the text without surrounding white space. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** At most {@code max} characters, so the text fits its column. */
    public static String truncate(String text, int max) {
        return text != null && text.length() > max ? text.substring(0, max) : text;
    }
}
