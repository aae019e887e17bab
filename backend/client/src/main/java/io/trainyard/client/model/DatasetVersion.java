package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a dataset: its bytes (by sha256), schema and profile per column, and quality
 * report. {@code parentVersion} is the version that was latest when this one was uploaded.
 */
public record DatasetVersion(String project, String dataset, int version, Integer parentVersion, String sha256,
                             long sizeBytes, long rowCount, String delimiter, List<ColumnProfile> columns,
                             QualityReport quality, String originalFilename, String message, String createdBy,
                             Instant createdAt) {
}
