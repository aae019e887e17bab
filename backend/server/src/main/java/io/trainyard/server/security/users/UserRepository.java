package io.trainyard.server.security.users;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    List<User> findByUsernameGreaterThanOrderByUsername(String after, Limit limit);

    long countByAdminTrueAndEnabledTrue();
}
