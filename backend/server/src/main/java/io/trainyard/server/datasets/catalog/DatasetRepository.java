package io.trainyard.server.datasets.catalog;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface DatasetRepository extends JpaRepository<DatasetRecord, Long> {

    Optional<DatasetRecord> findByProjectIdAndName(long projectId, String name);

    boolean existsByProjectIdAndName(long projectId, String name);

    List<DatasetRecord> findByProjectIdAndNameGreaterThanOrderByName(long projectId, String after, Limit limit);

    /** Serialises uploads to one dataset, so version numbers are gap-free and equal bytes are found. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from DatasetRecord d where d.id = :id")
    Optional<DatasetRecord> lockById(long id);
}
