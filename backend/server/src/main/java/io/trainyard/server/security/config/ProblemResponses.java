package io.trainyard.server.security.config;

import io.trainyard.server.common.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * problem+json answers written by the security filters, before any controller runs. Every failed
 * authentication gets the same body, so an unknown user and a wrong password cannot be told apart.
 */
final class ProblemResponses {

    static final String INVALID_CREDENTIALS = "Invalid credentials";

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemWriter.write(response, status, detail, List.of());
    }

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"trainyard\", Basic realm=\"trainyard\"");
        write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    static void tooManyAttempts(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-in attempts; try again later");
    }
}
