package io.trainyard.server.common;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A domain error with the HTTP status it maps to; rendered as problem+json by {@link ProblemAdvice}.
 * Modules throw the subclasses below instead of building responses themselves.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> fieldProblems;

    protected ApiException(HttpStatus status, String detail, List<FieldProblem> fieldProblems) {
        super(detail);
        this.status = status;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** One offending input field and why it was refused. */
    public record FieldProblem(String field, String message) {
    }

    /** 400: the request is well-formed but a value is not acceptable. */
    public static class BadRequest extends ApiException {
        public BadRequest(String field, String message) {
            super(HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldProblem(field, message)));
        }

        /** Several problems at once, each naming its field. */
        public BadRequest(List<FieldProblem> problems) {
            super(HttpStatus.BAD_REQUEST, problems.stream().map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; ")), problems);
        }
    }

    /** 404. Also used for objects that exist but the caller may not see, so IDs leak nothing. */
    public static class NotFound extends ApiException {
        public NotFound(String what) {
            super(HttpStatus.NOT_FOUND, what + " not found", List.of());
        }
    }

    /** 409: the request clashes with the current state (duplicate name, stale lease, ...). */
    public static class Conflict extends ApiException {
        public Conflict(String detail) {
            super(HttpStatus.CONFLICT, detail, List.of());
        }
    }

    /** 409 because an object of that name already exists (MLflow clients tell this case apart). */
    public static class AlreadyExists extends Conflict {
        public AlreadyExists(String detail) {
            super(detail);
        }
    }

    /** 413 (RFC 9110 "Content Too Large"): an upload is larger than the limit that applies to it. */
    public static class PayloadTooLarge extends ApiException {
        public PayloadTooLarge(String detail) {
            super(HttpStatus.CONTENT_TOO_LARGE, detail, List.of());
        }
    }

    /** 403: the caller may see the object but not do this to it. */
    public static class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super(HttpStatus.FORBIDDEN, detail, List.of());
        }
    }
}
