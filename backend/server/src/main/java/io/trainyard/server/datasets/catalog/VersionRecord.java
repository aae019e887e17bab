package io.trainyard.server.datasets.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An immutable dataset version; columns and quality are stored as the JSON of their REST records. */
@Entity
@Table(name = "dataset_versions")
class VersionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "dataset_id", nullable = false)
    private long datasetId;

    @Column(nullable = false)
    private int version;

    @Column(name = "parent_version")
    private Integer parentVersion;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "row_hashes_sha256", nullable = false)
    private String rowHashesSha256;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(nullable = false)
    private String delimiter;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String columns;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String quality;

    @Column(name = "original_filename")
    private String originalFilename;

    @Column(columnDefinition = "text")
    private String message;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected VersionRecord() {
    }

    VersionRecord(long datasetId, int version, Integer parentVersion, String sha256, String rowHashesSha256,
                  long sizeBytes, long rowCount, String delimiter, String columns, String quality,
                  String originalFilename, String message, String createdBy) {
        this.datasetId = datasetId;
        this.version = version;
        this.parentVersion = parentVersion;
        this.sha256 = sha256;
        this.rowHashesSha256 = rowHashesSha256;
        this.sizeBytes = sizeBytes;
        this.rowCount = rowCount;
        this.delimiter = delimiter;
        this.columns = columns;
        this.quality = quality;
        this.originalFilename = originalFilename;
        this.message = message;
        this.createdBy = createdBy;
    }

    Long getId() {
        return id;
    }

    long getDatasetId() {
        return datasetId;
    }

    int getVersion() {
        return version;
    }

    Integer getParentVersion() {
        return parentVersion;
    }

    String getSha256() {
        return sha256;
    }

    String getRowHashesSha256() {
        return rowHashesSha256;
    }

    long getSizeBytes() {
        return sizeBytes;
    }

    long getRowCount() {
        return rowCount;
    }

    String getDelimiter() {
        return delimiter;
    }

    String getColumns() {
        return columns;
    }

    String getQuality() {
        return quality;
    }

    String getOriginalFilename() {
        return originalFilename;
    }

    String getMessage() {
        return message;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
