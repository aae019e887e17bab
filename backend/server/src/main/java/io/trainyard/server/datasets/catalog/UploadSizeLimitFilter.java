package io.trainyard.server.datasets.catalog;

import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.common.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a dataset upload that announces more bytes than allowed before any of its body is read (413),
 * and one that announces no length at all (411), since the servlet container would otherwise spool it
 * whole to disk before anyone could say no.
 */
@Component
class UploadSizeLimitFilter extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("(/api/v1)?/projects/[^/]+/datasets/[^/]+/versions/?");

    private final DatasetProperties properties;

    UploadSizeLimitFilter(DatasetProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !UPLOAD.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        long limit = properties.maxUploadSize().toBytes();
        if (length < 0) {
            problem(response, HttpStatus.LENGTH_REQUIRED, "uploads must send a Content-Length header");
            return;
        }
        // the multipart envelope adds a little; the file itself is checked again while it is stored
        if (length > limit + 64 * 1024) {
            problem(response, HttpStatus.CONTENT_TOO_LARGE, "the upload is " + length + " bytes; the limit is "
                    + limit + " bytes (trainyard.datasets.max-upload-size)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setHeader("Connection", "close");
        ProblemWriter.write(response, status, detail, List.of(new FieldProblem("file", detail)));
    }
}
