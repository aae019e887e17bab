package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.ColumnProfile;
import io.trainyard.client.model.DatasetDiff;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.QualityReport;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
import io.trainyard.server.datasets.DatasetVersionRef;
import io.trainyard.server.datasets.DatasetVersionUsage;
import io.trainyard.server.datasets.DatasetVersionUsages;
import io.trainyard.server.datasets.ingest.CsvIngest;
import io.trainyard.server.datasets.ingest.IngestedCsv;
import io.trainyard.server.datasets.profile.DatasetDiffer;
import io.trainyard.server.datasets.profile.InvalidCsvException;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.storage.BlobJanitor;
import io.trainyard.server.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dataset versions: upload (hash, store and profile outside any transaction, then number the version in a
 * short one), read, download, diff, and lineage.
 */
@Service
public class VersionService {

    private static final TypeReference<List<ColumnProfile>> COLUMNS = new TypeReference<>() { };

    private final DatasetService datasets;
    private final DatasetRepository datasetRecords;
    private final VersionRepository versions;
    private final ProjectAccess projects;
    private final CsvIngest ingest;
    private final BlobStore blobs;
    private final BlobJanitor janitor;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ObjectProvider<DatasetVersionUsages> usages;
    private final DatasetProperties properties;

    VersionService(DatasetService datasets, DatasetRepository datasetRecords, VersionRepository versions,
                   ProjectAccess projects, CsvIngest ingest, BlobStore blobs, BlobJanitor janitor,
                   AuditLog auditLog, JsonMapper json, TransactionTemplate transaction,
                   ObjectProvider<DatasetVersionUsages> usages, DatasetProperties properties) {
        this.datasets = datasets;
        this.datasetRecords = datasetRecords;
        this.versions = versions;
        this.projects = projects;
        this.ingest = ingest;
        this.blobs = blobs;
        this.janitor = janitor;
        this.auditLog = auditLog;
        this.json = json;
        this.transaction = transaction;
        this.usages = usages;
        this.properties = properties;
    }

    public long maxUploadBytes() {
        return properties.maxUploadSize().toBytes();
    }

    /** Same bytes as an existing version give that version back; a bad file stores nothing. */
    public UploadOutcome upload(String projectKey, String datasetName, InputStream upload,
                                String originalFilename, String message, String targetColumn) {
        ProjectRef project = projects.require(projectKey, ProjectRole.EDITOR);
        DatasetRecord dataset = datasets.require(project, datasetName);
        IngestedCsv ingested;
        try {
            ingested = ingest.ingest(upload, maxUploadBytes(), Texts.blankToNull(targetColumn));
        } catch (InvalidCsvException e) {
            throw new ApiException.BadRequest(e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            // the only argument the profiler checks against the file is the target column
            throw new ApiException.BadRequest("target", e.getMessage());
        }
        String user = CurrentUser.require().getUsername();
        return transaction.execute(status -> {
            datasetRecords.lockById(dataset.getId()).orElseThrow(() -> new ApiException.NotFound("dataset"));
            var existing = versions.findByDatasetIdAndSha256(dataset.getId(), ingested.content().sha256());
            if (existing.isPresent()) {
                return new UploadOutcome(view(project, dataset, existing.get()), false);
            }
            Integer parent = versions.findFirstByDatasetIdOrderByVersionDesc(dataset.getId())
                    .map(VersionRecord::getVersion).orElse(null);
            int next = parent == null ? 1 : parent + 1;
            VersionRecord created = versions.save(new VersionRecord(dataset.getId(), next, parent,
                    ingested.content().sha256(), ingested.rowHashes().sha256(), ingested.content().sizeBytes(),
                    ingested.profile().rowCount(), String.valueOf(ingested.profile().delimiter()),
                    json.writeValueAsString(ingested.profile().columns()),
                    json.writeValueAsString(ingested.profile().quality()),
                    Texts.truncate(originalFilename, 255), Texts.blankToNull(message), user));
            auditLog.record("dataset.version.created", "dataset:" + projectKey + "/" + datasetName,
                    "version " + next + " sha256 " + created.getSha256());
            return new UploadOutcome(view(project, dataset, created), true);
        });
    }

    @Transactional(readOnly = true)
    public Page<DatasetVersion> list(String projectKey, String datasetName, Integer pageSize, String pageToken) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        DatasetRecord dataset = datasets.require(project, datasetName);
        int size = PageToken.clampPageSize(pageSize);
        int before = PageToken.decodeBelowInt(pageToken);
        List<VersionRecord> rows = versions.findByDatasetIdAndVersionLessThanOrderByVersionDesc(dataset.getId(),
                before, org.springframework.data.domain.Limit.of(size + 1));
        return PageToken.page(rows, size, row -> view(project, dataset, row), v -> String.valueOf(v.version()));
    }

    /** All versions, newest first, for pickers in the UI (version lists stay short in practice). */
    @Transactional(readOnly = true)
    public List<Integer> versionNumbers(String projectKey, String datasetName) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        DatasetRecord dataset = datasets.require(project, datasetName);
        return versions.findByDatasetIdOrderByVersionDesc(dataset.getId()).stream()
                .map(VersionRecord::getVersion).toList();
    }

    @Transactional(readOnly = true)
    public DatasetVersion get(String projectKey, String datasetName, int version) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        DatasetRecord dataset = datasets.require(project, datasetName);
        return view(project, dataset, require(dataset, version));
    }

    /** The version with its reference, from one project check and one lookup. */
    @Transactional(readOnly = true)
    public LoadedVersion load(String projectKey, String datasetName, int version) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        DatasetRecord dataset = datasets.require(project, datasetName);
        VersionRecord record = require(dataset, version);
        return new LoadedVersion(new DatasetVersionRef(record.getId(), project.id(), dataset.getName(), version,
                record.getSha256()), view(project, dataset, record));
    }

    /** The original bytes; the caller closes the stream. */
    public InputStream content(DatasetVersionRef version) {
        try {
            return blobs.open(version.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<DatasetVersionUsage> usages(DatasetVersionRef version) {
        return usages.orderedStream().flatMap(source -> source.usagesOf(version).stream()).toList();
    }

    @Transactional(readOnly = true)
    public DatasetDiff diff(String projectKey, String datasetName, int version, int against) {
        ProjectRef project = projects.require(projectKey, ProjectRole.VIEWER);
        DatasetRecord dataset = datasets.require(project, datasetName);
        VersionRecord before = versions.findByDatasetIdAndVersion(dataset.getId(), against)
                .orElseThrow(() -> new ApiException.BadRequest("against", "version " + against + " does not exist"));
        VersionRecord after = require(dataset, version);
        return new DatasetDiffer().diff(columns(before), before.getRowCount(),
                ingest.rowHashes(before.getRowHashesSha256()), columns(after), after.getRowCount(),
                ingest.rowHashes(after.getRowHashesSha256()));
    }

    /** Deletes a dataset and its versions; blobs go only when nothing else references them. */
    public void delete(String projectKey, String datasetName) {
        ProjectRef project = projects.require(projectKey, ProjectRole.OWNER);
        List<String> blobsOfDataset = transaction.execute(status -> {
            DatasetRecord dataset = datasets.require(project, datasetName);
            List<VersionRecord> all = versions.findByDatasetIdOrderByVersionDesc(dataset.getId());
            versions.deleteAll(all);
            datasetRecords.delete(dataset);
            auditLog.record("dataset.deleted", "dataset:" + projectKey + "/" + datasetName,
                    all.size() + " version(s)");
            return all.stream().flatMap(v -> java.util.stream.Stream.of(v.getSha256(), v.getRowHashesSha256()))
                    .distinct().toList();
        });
        blobsOfDataset.forEach(janitor::deleteIfUnreferenced);
    }

    private VersionRecord require(DatasetRecord dataset, int version) {
        return versions.findByDatasetIdAndVersion(dataset.getId(), version)
                .orElseThrow(() -> new ApiException.NotFound("version " + version + " of dataset '"
                        + dataset.getName() + "'"));
    }

    private List<ColumnProfile> columns(VersionRecord record) {
        return json.readValue(record.getColumns(), COLUMNS);
    }

    private DatasetVersion view(ProjectRef project, DatasetRecord dataset, VersionRecord record) {
        return new DatasetVersion(project.key(), dataset.getName(), record.getVersion(), record.getParentVersion(),
                record.getSha256(), record.getSizeBytes(), record.getRowCount(), record.getDelimiter(),
                columns(record), json.readValue(record.getQuality(), QualityReport.class),
                record.getOriginalFilename(), record.getMessage(), record.getCreatedBy(), record.getCreatedAt());
    }
}
