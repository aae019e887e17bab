package io.trainyard.server.security.projects;

import io.trainyard.client.model.ProjectRole;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user's role in a project. */
@Entity
@Table(name = "project_members")
class Membership {

    @EmbeddedId
    private Key id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ProjectRole role;

    protected Membership() {
    }

    Membership(long projectId, long userId, ProjectRole role) {
        this.id = new Key(projectId, userId);
        this.role = role;
    }

    ProjectRole getRole() {
        return role;
    }

    void changeRole(ProjectRole role) {
        this.role = role;
    }

    @Embeddable
    record Key(@Column(name = "project_id") long projectId, @Column(name = "user_id") long userId)
            implements Serializable {
    }
}
