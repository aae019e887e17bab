package io.trainyard.server.datasets.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** A multipart file part handed to {@link VersionService#upload}, for the REST and the page controller. */
final class MultipartUpload {

    private MultipartUpload() {
    }

    static UploadOutcome store(VersionService versions, String project, String dataset, MultipartFile file,
                               String message, String target) {
        try (InputStream content = file.getInputStream()) {
            return versions.upload(project, dataset, content, file.getOriginalFilename(), message, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
