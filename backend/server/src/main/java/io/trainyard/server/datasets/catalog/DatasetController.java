package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.CreateDatasetRequest;
import io.trainyard.client.model.Dataset;
import io.trainyard.client.model.DatasetDiff;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.Page;
import io.trainyard.server.common.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/projects/{project}/datasets")
class DatasetController {

    private final DatasetService datasets;
    private final VersionService versions;
    private final io.trainyard.server.datasets.DatasetSplits splits;

    DatasetController(DatasetService datasets, VersionService versions,
                      io.trainyard.server.datasets.DatasetSplits splits) {
        this.datasets = datasets;
        this.versions = versions;
        this.splits = splits;
    }

    @GetMapping
    Page<Dataset> list(@PathVariable String project, @RequestParam(required = false) Integer pageSize,
                       @RequestParam(required = false) String pageToken) {
        return datasets.list(project, pageSize, pageToken);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Dataset create(@PathVariable String project, @Valid @RequestBody CreateDatasetRequest request) {
        return datasets.create(project, request);
    }

    @GetMapping("/{name}")
    Dataset get(@PathVariable String project, @PathVariable String name) {
        return datasets.get(project, name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String project, @PathVariable String name) {
        versions.delete(project, name);
    }

    /** 201 with a new version, or 200 with the existing one when these bytes were uploaded before. */
    @PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DatasetVersion> upload(@PathVariable String project, @PathVariable String name,
                                          @RequestPart(name = "file", required = false) MultipartFile file,
                                          @RequestParam(required = false) String message,
                                          @RequestParam(required = false) String target) {
        if (file == null) {
            throw new ApiException.BadRequest("file", "a multipart part named 'file' with the CSV is required");
        }
        return answer(MultipartUpload.store(versions, project, name, file, message, target));
    }

    /**
     * The same with the CSV as the whole request body ({@code curl -X POST -T file.csv -H
     * 'Content-Type: text/csv'}): no multipart envelope, so the server reads the bytes once as they arrive
     * instead of spooling the request to disk first. Suits pipelines and large files.
     */
    @PostMapping(path = "/{name}/versions", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<DatasetVersion> uploadBody(@PathVariable String project, @PathVariable String name,
                                              @RequestParam(required = false) String filename,
                                              @RequestParam(required = false) String message,
                                              @RequestParam(required = false) String target,
                                              HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return answer(versions.upload(project, name, body, filename, message, target));
        }
    }

    private static ResponseEntity<DatasetVersion> answer(UploadOutcome outcome) {
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.version());
    }

    @GetMapping("/{name}/versions")
    Page<DatasetVersion> versions(@PathVariable String project, @PathVariable String name,
                                  @RequestParam(required = false) Integer pageSize,
                                  @RequestParam(required = false) String pageToken) {
        return versions.list(project, name, pageSize, pageToken);
    }

    @GetMapping("/{name}/versions/{version}")
    DatasetVersion version(@PathVariable String project, @PathVariable String name, @PathVariable int version) {
        return versions.get(project, name, version);
    }

    /** Lineage: what used this version (runs that trained on it), newest first. */
    @GetMapping("/{name}/versions/{version}/usages")
    java.util.List<io.trainyard.server.datasets.DatasetVersionUsage> usages(@PathVariable String project,
            @PathVariable String name, @PathVariable int version) {
        return versions.usages(versions.load(project, name, version).ref());
    }

    /** The split training uses (executors fetch it), the same for the same arguments on every call. */
    @GetMapping("/{name}/versions/{version}/split")
    io.trainyard.client.model.DatasetSplitView split(@PathVariable String project, @PathVariable String name,
            @PathVariable int version, @RequestParam(defaultValue = "0.15") double validation,
            @RequestParam(defaultValue = "0.15") double test, @RequestParam(required = false) String stratify,
            @RequestParam(defaultValue = "42") long seed) {
        if (validation < 0 || test < 0 || validation + test >= 1) {
            throw new ApiException.BadRequest("validation", "validation and test must be ≥ 0 and sum to less than 1");
        }
        io.trainyard.server.datasets.DatasetSplit split = splits.split(project, name, version,
                new io.trainyard.server.datasets.SplitSpec(validation, test, stratify, seed));
        return new io.trainyard.client.model.DatasetSplitView(split.fingerprint(), split.train(), split.validation(),
                split.test(), java.util.Base64.getEncoder().encodeToString(split.assignment()));
    }

    @GetMapping("/{name}/versions/{version}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable String project, @PathVariable String name,
                                                @PathVariable int version) {
        return VersionDownload.of(versions, project, name, version);
    }

    @GetMapping("/{name}/versions/{version}/diff")
    DatasetDiff diff(@PathVariable String project, @PathVariable String name, @PathVariable int version,
                     @RequestParam int against) {
        return versions.diff(project, name, version, against);
    }
}
