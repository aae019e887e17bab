package io.trainyard.server.security.projects;

import io.trainyard.client.model.ProjectRole;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The project and the caller's role in it, in one plain JDBC query: every project-scoped request asks this
 * first, so it skips the JPA session and query translation a repository method would cost.
 */
@Repository
class ProjectRoleLookup {

    private final JdbcClient jdbc;

    ProjectRoleLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProjectRow> find(String key, long userId) {
        return jdbc.sql("""
                        select p.id, p.key, p.name, p.created_at, m.role
                        from projects p left join project_members m on m.project_id = p.id and m.user_id = ?
                        where p.key = ?""")
                .params(userId, key)
                .query((rs, n) -> new ProjectRow(rs.getLong("id"), rs.getString("key"), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("role") == null ? null : ProjectRole.valueOf(rs.getString("role"))))
                .optional();
    }
}
