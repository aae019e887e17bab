package io.trainyard.server.security.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByHash(String hash);

    List<ApiToken> findByUserIdOrderByCreatedAtDesc(long userId);

    Optional<ApiToken> findByIdAndUserId(long id, long userId);

    @Modifying
    @Query("update ApiToken t set t.revokedAt = :now where t.userId = :userId and t.revokedAt is null")
    int revokeAllOf(long userId, Instant now);

    @Modifying
    @Query("update ApiToken t set t.revokedAt = :now where t.userId = :userId and t.name = :name and t.revokedAt is null")
    int revokeByName(long userId, String name, Instant now);
}
