package io.trainyard.server.common;

import io.trainyard.server.common.ApiException.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors raised before any controller is chosen (unknown path, wrong method, an upload cut off mid-body),
 * where {@link ProblemAdvice}, scoped to REST controllers, does not apply: problem+json under /api, the
 * error page elsewhere.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnmatchedRequestAdvice {

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(HttpServletRequest request) {
        return answer(request, HttpStatus.NOT_FOUND, "no such endpoint: " + request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(request, HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not supported here; use "
                + e.getSupportedHttpMethods(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object wrongContentType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType()
                + " is not supported here; use " + e.getSupportedMediaTypes(), List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than allowed",
                List.of(new FieldProblem("file", "larger than allowed")));
    }

    @ExceptionHandler(MultipartException.class)
    Object brokenUpload(HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST,
                "the upload is incomplete or not valid multipart/form-data; nothing was stored",
                List.of(new FieldProblem("file", "incomplete or not valid multipart")));
    }

    private static Object answer(HttpServletRequest request, HttpStatus status, String detail,
                                 List<FieldProblem> fields) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ProblemAdvice.problem(status, detail, fields);
        }
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        return page;
    }
}
