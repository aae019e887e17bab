package io.trainyard.server.datasets.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface VersionRepository extends JpaRepository<VersionRecord, Long> {

    Optional<VersionRecord> findByDatasetIdAndVersion(long datasetId, int version);

    Optional<VersionRecord> findByDatasetIdAndSha256(long datasetId, String sha256);

    Optional<VersionRecord> findFirstByDatasetIdOrderByVersionDesc(long datasetId);

    List<VersionRecord> findByDatasetIdAndVersionLessThanOrderByVersionDesc(long datasetId, int before, Limit limit);

    List<VersionRecord> findByDatasetIdOrderByVersionDesc(long datasetId);

    @Query("select count(v) > 0 from VersionRecord v where v.sha256 = :sha256 or v.rowHashesSha256 = :sha256")
    boolean referencesBlob(String sha256);
}
