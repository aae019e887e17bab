package io.trainyard.server.datasets.profile;

/**
 * The uploaded file cannot be read as a CSV table. The message says what is wrong in words a person
 * understands ("line 17 has 5 fields, the header has 6"); {@link #field()} names the request part
 * (always {@code file}) and {@link #line()} the 1-based physical line where the problem is, when known.
 */
public class InvalidCsvException extends RuntimeException {

    private final Long line;

    public InvalidCsvException(String message, Long line) {
        super(message);
        this.line = line;
    }

    public InvalidCsvException(String message, Long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The request part that is wrong: always {@code file}. */
    public String field() {
        return "file";
    }

    /** The 1-based physical line number of the problem, or null when it is not about one line. */
    public Long line() {
        return line;
    }
}
