package io.trainyard.server.tracking.search;

/**
 * A run search filter or order-by clause that does not parse or does not type-check. The message is meant for
 * the user as is (callers map it to 400 / MLflow {@code INVALID_PARAMETER_VALUE}).
 */
public class FilterSyntaxException extends RuntimeException {

    private final int position;

    public FilterSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    public FilterSyntaxException(String message) {
        this(message, -1);
    }

    /** The 1-based character position in the filter (or order-by clause) the error points at; -1 when none. */
    public int position() {
        return position;
    }
}
