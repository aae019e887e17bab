package io.trainyard.server.tracking.mlflow;

import io.trainyard.server.tracking.MlflowEndpoint;

import io.trainyard.server.common.ApiException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the MLflow-compatible API in MLflow's shape, {@code {"error_code": ..., "message": ...}}, with
 * MLflow's statuses: 400 for bad values and for names that exist already, 404 for unknown objects.
 */
@RestControllerAdvice(annotations = MlflowEndpoint.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowErrors {

    private static final Logger log = LoggerFactory.getLogger(MlflowErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> apiException(ApiException e) {
        if (e instanceof ApiException.AlreadyExists) {
            return error(HttpStatus.BAD_REQUEST, "RESOURCE_ALREADY_EXISTS", e.getMessage());
        }
        return switch (e.status()) {
            case NOT_FOUND -> error(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", e.getMessage());
            case FORBIDDEN -> error(HttpStatus.FORBIDDEN, "PERMISSION_DENIED", e.getMessage());
            default -> error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        String reason = e.getMostSpecificCause().getMessage();
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", "Invalid request body: "
                + (reason == null ? "not valid JSON" : reason.lines().findFirst().orElse(reason)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", "Missing value for required parameter '"
                + e.getParameterName() + "'");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", "Invalid value '" + e.getValue()
                + "' for parameter '" + e.getName() + "'");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("Unhandled error in the MLflow API", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error; the server log has the details");
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error_code", code, "message", message));
    }
}
