package io.trainyard.server.tracking.artifacts;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.BlobTooLargeException;
import io.trainyard.server.storage.StoredBlob;
import io.trainyard.server.tracking.runs.RunRow;
import io.trainyard.server.tracking.runs.RunService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files stored with a run (models, plots, reports) under a relative path; the bytes go to the blob store,
 * so the same file stored twice, by any run, is kept once.
 */
@Service
public class ArtifactService {

    private static final Pattern BAD_SEGMENT = Pattern.compile("(^|/)(\\.{1,2})?(/|$)");

    private final RunService runs;
    private final BlobStore blobs;
    private final JdbcClient jdbc;
    private final ArtifactProperties properties;

    ArtifactService(RunService runs, BlobStore blobs, JdbcClient jdbc, ArtifactProperties properties) {
        this.runs = runs;
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Stores the content under {@code path}, replacing what was there. The blob is written before any row. */
    @Transactional
    public RunArtifact put(String runId, String path, InputStream content, String mediaType) {
        RunRow run = runs.requireWritable(runId);
        String cleanPath = checkPath(path);
        StoredBlob blob;
        try {
            blob = blobs.put(content, properties.maxArtifactSize().toBytes());
        } catch (BlobTooLargeException e) {
            throw new ApiException.PayloadTooLarge("artifacts may be at most " + properties.maxArtifactSize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                insert into run_artifacts (run_id, path, sha256, size_bytes, media_type) values (?, ?, ?, ?, ?)
                on conflict (run_id, path) do update set sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                    media_type = excluded.media_type, created_at = now()""")
                .params(run.id(), cleanPath, blob.sha256(), blob.sizeBytes(), mediaType).update();
        return find(run, cleanPath);
    }

    /** Artifacts whose path starts with {@code prefix} (all when null), by path. */
    @Transactional(readOnly = true)
    public List<RunArtifact> list(String runId, String prefix) {
        RunRow run = runs.require(runId, ProjectRole.VIEWER);
        String like = prefix == null || prefix.isEmpty() ? "%"
                : prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select path, size_bytes, sha256, media_type, created_at from run_artifacts "
                        + "where run_id = ? and path like ? order by path limit 10000")
                .params(run.id(), like).query(ArtifactService::row).list();
    }

    @Transactional(readOnly = true)
    public RunArtifact get(String runId, String path) {
        return find(runs.require(runId, ProjectRole.VIEWER), path);
    }

    /** Like {@link #get}, but a missing artifact is empty rather than an error. */
    @Transactional(readOnly = true)
    public Optional<RunArtifact> find(String runId, String path) {
        return lookup(runs.require(runId, ProjectRole.VIEWER), path);
    }

    /** The content; the caller closes it. */
    public InputStream open(RunArtifact artifact) {
        try {
            return blobs.open(artifact.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean references(String sha256) {
        return jdbc.sql("select exists (select 1 from run_artifacts where sha256 = ?)").param(sha256)
                .query(Boolean.class).single();
    }

    private RunArtifact find(RunRow run, String path) {
        return lookup(run, path).orElseThrow(() -> new ApiException.NotFound("artifact '" + path + "'"));
    }

    private Optional<RunArtifact> lookup(RunRow run, String path) {
        return jdbc.sql("select path, size_bytes, sha256, media_type, created_at from run_artifacts "
                        + "where run_id = ? and path = ?")
                .params(run.id(), path).query(ArtifactService::row).optional();
    }

    /** Relative, normalised paths only: no leading slash, no {@code .} or {@code ..} segment, no backslash. */
    static String checkPath(String path) {
        if (path == null || path.isBlank()) {
            throw new ApiException.BadRequest("path", "is required");
        }
        if (path.length() > 1000) {
            throw new ApiException.BadRequest("path", "may have at most 1000 characters");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("//") || BAD_SEGMENT.matcher(path).find()
                || path.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException.BadRequest("path", "must be a relative path without '.', '..' or empty segments");
        }
        return path;
    }

    private static RunArtifact row(ResultSet rs, int n) throws SQLException {
        return new RunArtifact(rs.getString("path"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("media_type"), rs.getTimestamp("created_at").toInstant());
    }
}
