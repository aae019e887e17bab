package io.trainyard.server.security.config;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * problem+json answers written by the security filters, before any controller runs. Every failed
 * authentication gets the same body, so an unknown user and a wrong password cannot be told apart.
 */
final class ProblemResponses {

    static final String INVALID_CREDENTIALS = "Invalid credentials";

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
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
