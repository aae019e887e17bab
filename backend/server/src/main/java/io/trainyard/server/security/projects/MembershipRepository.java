package io.trainyard.server.security.projects;

import io.trainyard.client.model.ProjectRole;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    long countByIdProjectIdAndRole(long projectId, ProjectRole role);

    @Query("""
            select new io.trainyard.server.security.projects.MemberRow(u.username, u.displayName, m.role)
            from Membership m join User u on u.id = m.id.userId
            where m.id.projectId = :projectId
            order by u.username""")
    List<MemberRow> findMembers(long projectId);
}
