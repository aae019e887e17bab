package io.trainyard.server.tracking.artifacts;

import io.trainyard.client.model.RunArtifact;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ArtifactController {

    private final ArtifactService artifacts;

    ArtifactController(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    /** The request body is the file, streamed into the blob store. */
    @PutMapping("/api/v1/runs/{id}/artifacts/{*path}")
    RunArtifact put(@PathVariable String id, @PathVariable String path, HttpServletRequest request)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return artifacts.put(id, trim(path), body, mediaType(request.getContentType()));
        }
    }

    /** Without a path: the list (optionally under {@code prefix}); with one: the file's bytes. */
    @GetMapping("/api/v1/runs/{id}/artifacts/{*path}")
    ResponseEntity<?> get(@PathVariable String id, @PathVariable String path,
                          @RequestParam(required = false) String prefix) {
        String clean = trim(path);
        if (clean.isEmpty()) {
            List<RunArtifact> list = artifacts.list(id, prefix);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
        }
        RunArtifact artifact = artifacts.get(id, clean);
        String fileName = clean.substring(clean.lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                .contentType(artifact.mediaType() == null ? MediaType.APPLICATION_OCTET_STREAM
                        : MediaType.parseMediaType(artifact.mediaType()))
                .contentLength(artifact.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .header("X-Content-SHA256", artifact.sha256())
                .body(new InputStreamResource(artifacts.open(artifact)));
    }

    /** A well-formed media type, or none: the stored value is served back as Content-Type. */
    private static String mediaType(String contentType) {
        try {
            return contentType == null ? null : MediaType.parseMediaType(contentType).toString();
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return null;
        }
    }

    private static String trim(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
