package io.trainyard.client;

/** The server answered with an error status; {@code detail} is the problem's human-readable text. */
public class TrainyardApiException extends RuntimeException {

    private final int status;
    private final String body;

    public TrainyardApiException(int status, String detail, String body) {
        super("HTTP " + status + ": " + detail);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The raw response body (usually application/problem+json). */
    public String body() {
        return body;
    }
}
