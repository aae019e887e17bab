package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.DatasetVersion;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A version's original bytes as a download, under a server-chosen name (the uploaded name is metadata). */
final class VersionDownload {

    private VersionDownload() {
    }

    static ResponseEntity<InputStreamResource> of(VersionService versions, String project, String dataset,
                                                  int version) {
        LoadedVersion loaded = versions.load(project, dataset, version);
        DatasetVersion found = loaded.view();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv"))
                .contentLength(found.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(dataset + "-v" + version + ".csv").build().toString())
                .eTag("\"" + found.sha256() + "\"")
                .body(new InputStreamResource(versions.content(loaded.ref())));
    }
}
