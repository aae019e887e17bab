package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.CreateDatasetRequest;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Datasets in the browser: list and create, versions and upload, a version's profile, quality and diff. */
@Controller
@RequestMapping("/projects/{project}/datasets")
class DatasetPages {

    /** Sent by trainyard.js with uploads it makes itself. */
    static final String UPLOAD_SCRIPT_HEADER = "X-Trainyard-Upload=script";

    private final DatasetService datasets;
    private final VersionService versions;
    private final ProjectAccess projects;

    DatasetPages(DatasetService datasets, VersionService versions, ProjectAccess projects) {
        this.datasets = datasets;
        this.versions = versions;
        this.projects = projects;
    }

    @GetMapping
    String list(@PathVariable String project, @RequestParam(required = false) String pageToken, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        if (!model.containsAttribute("datasetForm")) {
            model.addAttribute("datasetForm", new CreateDatasetRequest("", ""));
        }
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("datasets", datasets.list(project, null, pageToken));
        return "datasets/list";
    }

    @PostMapping
    String create(@PathVariable String project, @Valid @ModelAttribute("datasetForm") CreateDatasetRequest form,
                  BindingResult errors, Model model) {
        if (!errors.hasErrors()) {
            try {
                datasets.create(project, form);
                return "redirect:/projects/{project}/datasets/" + form.name();
            } catch (ApiException.Conflict e) {
                errors.rejectValue("name", "duplicate", e.getMessage());
            }
        }
        return list(project, null, model);
    }

    @GetMapping("/{name}")
    String dataset(@PathVariable String project, @PathVariable String name,
                   @RequestParam(required = false) String pageToken, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("dataset", datasets.get(project, name));
        model.addAttribute("versions", versions.list(project, name, null, pageToken));
        model.addAttribute("maxUploadMegabytes", versions.maxUploadBytes() / (1024 * 1024));
        return "datasets/dataset";
    }

    /** A plain form post: the answer is a redirect to the new version, or back with the reason. */
    @PostMapping("/{name}/versions")
    String upload(@PathVariable String project, @PathVariable String name,
                  @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam(required = false) String message, @RequestParam(required = false) String target,
                  RedirectAttributes redirect) {
        UploadResult result = store(project, name, file, message, target);
        redirect.addFlashAttribute(result.flashKey(), result.flashText());
        return "redirect:" + result.location();
    }

    /**
     * The same from the page's upload script (which shows progress): the answer names where to go, and the
     * message waits there as a flash attribute. A redirect would be followed inside the script's request
     * and use the message up.
     */
    @PostMapping(path = "/{name}/versions", headers = UPLOAD_SCRIPT_HEADER)
    ResponseEntity<Map<String, String>> uploadFromScript(@PathVariable String project, @PathVariable String name,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String message, @RequestParam(required = false) String target,
            HttpServletRequest request, HttpServletResponse response) {
        UploadResult result = store(project, name, file, message, target);
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put(result.flashKey(), result.flashText());
        RequestContextUtils.saveOutputFlashMap(result.location(), request, response);
        return ResponseEntity.ok(Map.of("location", result.location()));
    }

    private UploadResult store(String project, String name, MultipartFile file, String message, String target) {
        String datasetPage = "/projects/" + project + "/datasets/" + name;
        if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty()) {
            return new UploadResult(datasetPage, "flashError", "Choose a CSV file to upload.");
        }
        try {
            UploadOutcome outcome = MultipartUpload.store(versions, project, name, file, message, target);
            int version = outcome.version().version();
            return new UploadResult(datasetPage + "/versions/" + version, "flash", outcome.created()
                    ? "Version " + version + " created."
                    : "These bytes are version " + version + " already; nothing new was stored.");
        } catch (ApiException.BadRequest | ApiException.Conflict | ApiException.PayloadTooLarge e) {
            return new UploadResult(datasetPage, "flashError", "Upload refused: " + e.getMessage());
        }
    }

    /** Where the browser goes after an upload, and the message it finds there. */
    private record UploadResult(String location, String flashKey, String flashText) {
    }

    /** The browser's download (the API's /content needs a token; pages use the session). */
    @GetMapping("/{name}/versions/{version}/download")
    ResponseEntity<InputStreamResource> download(@PathVariable String project, @PathVariable String name,
                                                 @PathVariable int version) {
        return VersionDownload.of(versions, project, name, version);
    }

    @GetMapping("/{name}/versions/{version}")
    String version(@PathVariable String project, @PathVariable String name, @PathVariable int version,
                   @RequestParam(required = false) Integer against, Model model) {
        LoadedVersion loaded = versions.load(project, name, version);
        DatasetVersion found = loaded.view();
        Map<String, HistogramBars> sparklines = new LinkedHashMap<>();
        for (ColumnProfile column : found.columns()) {
            if (column.numeric() != null) {
                sparklines.put(column.name(), HistogramBars.of(column.numeric().histogram()));
            }
        }
        model.addAttribute("project", projects.require(project, ProjectRole.VIEWER));
        model.addAttribute("version", found);
        model.addAttribute("sparklines", sparklines);
        model.addAttribute("otherVersions", versions.versionNumbers(project, name).stream()
                .filter(v -> v != version).toList());
        model.addAttribute("usages", versions.usages(loaded.ref()));
        if (against != null) {
            model.addAttribute("against", against);
            model.addAttribute("diff", versions.diff(project, name, version, against));
        }
        return "datasets/version";
    }
}
