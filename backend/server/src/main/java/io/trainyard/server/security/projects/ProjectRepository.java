package io.trainyard.server.security.projects;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProjectRepository extends JpaRepository<Project, Long> {

    boolean existsByKey(String key);

    /** Projects after {@code after} (by key) that the user is a member of, or all of them when {@code all}. */
    @Query("""
            select new io.trainyard.server.security.projects.ProjectRow(p.id, p.key, p.name, p.createdAt, m.role)
            from Project p left join Membership m on m.id.projectId = p.id and m.id.userId = :userId
            where (:all = true or m.role is not null) and p.key > :after
            order by p.key""")
    List<ProjectRow> findVisible(long userId, boolean all, String after, Limit limit);

    @Query("""
            select new io.trainyard.server.security.projects.ProjectRow(p.id, p.key, p.name, p.createdAt, m.role)
            from Project p left join Membership m on m.id.projectId = p.id and m.id.userId = :userId
            where p.key = :key""")
    Optional<ProjectRow> findWithRole(String key, long userId);
}
