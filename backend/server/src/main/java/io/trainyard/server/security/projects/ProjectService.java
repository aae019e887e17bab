package io.trainyard.server.security.projects;

import io.trainyard.client.model.CreateProjectRequest;
import io.trainyard.client.model.MemberView;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.ProjectView;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserService;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and memberships, and the project check every other module runs before touching an object. */
@Service
public class ProjectService implements ProjectAccess {

    public static final String DEFAULT_PROJECT = "default";

    private final ProjectRepository projects;
    private final MembershipRepository memberships;
    private final UserService users;
    private final AuditLog auditLog;
    private final ProjectRoleLookup roles;

    ProjectService(ProjectRepository projects, ProjectRoleLookup roles, MembershipRepository memberships,
                   UserService users, AuditLog auditLog) {
        this.projects = projects;
        this.roles = roles;
        this.memberships = memberships;
        this.users = users;
        this.auditLog = auditLog;
    }

    /** No transaction of its own: one read, which joins the caller's transaction when there is one. */
    @Override
    public ProjectRef require(String projectKey, ProjectRole role) {
        CurrentUser me = CurrentUser.require();
        ProjectRow row = roles.find(projectKey, me.id())
                .filter(found -> found.role() != null || me.admin() || me.executor())
                .orElseThrow(() -> new ApiException.NotFound("project '" + projectKey + "'"));
        ProjectRole effective = me.admin() ? ProjectRole.OWNER
                : me.executor() ? ProjectRole.EDITOR : row.role();
        if (!effective.includes(role)) {
            throw new ApiException.Forbidden("this needs the " + role.wireName() + " role in project '"
                    + projectKey + "'; you are " + effective.wireName());
        }
        return new ProjectRef(row.id(), row.key(), row.name(), effective);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProjectRef> visibleProjects() {
        CurrentUser me = CurrentUser.require();
        return projects.findVisible(me.id(), me.admin(), "", Limit.unlimited()).stream()
                .map(row -> new ProjectRef(row.id(), row.key(), row.name(), effectiveRole(row, me)))
                .toList();
    }

    @Transactional(readOnly = true)
    public Page<ProjectView> list(Integer pageSize, String pageToken) {
        CurrentUser me = CurrentUser.require();
        int size = PageToken.clampPageSize(pageSize);
        List<ProjectRow> rows = projects.findVisible(me.id(), me.admin(), PageToken.decode(pageToken),
                Limit.of(size + 1));
        return PageToken.page(rows, size, row -> view(row, me), ProjectView::key);
    }

    @Transactional(readOnly = true)
    public ProjectView get(String key) {
        require(key, ProjectRole.VIEWER);
        CurrentUser me = CurrentUser.require();
        return view(projects.findWithRole(key, me.id()).orElseThrow(), me);
    }

    /** Any user may create a project and becomes its owner. */
    @Transactional
    public ProjectView create(CreateProjectRequest request) {
        if (projects.existsByKey(request.key())) {
            throw new ApiException.Conflict("project '" + request.key() + "' already exists");
        }
        CurrentUser me = CurrentUser.require();
        Project project = projects.save(new Project(request.key(), request.name().strip()));
        memberships.save(new Membership(project.getId(), me.id(), ProjectRole.OWNER));
        auditLog.record("project.created", "project:" + request.key(), null);
        return view(projects.findWithRole(request.key(), me.id()).orElseThrow(), me);
    }

    @Transactional(readOnly = true)
    public List<MemberView> members(String key) {
        ProjectRef project = require(key, ProjectRole.VIEWER);
        return memberships.findMembers(project.id()).stream()
                .map(row -> new MemberView(row.username(), row.displayName(), row.role()))
                .toList();
    }

    @Transactional
    public MemberView setMember(String key, String username, ProjectRole role) {
        ProjectRef project = require(key, ProjectRole.OWNER);
        User user = users.find(username).orElseThrow(() -> new ApiException.NotFound("user '" + username + "'"));
        Membership.Key id = new Membership.Key(project.id(), user.getId());
        Membership membership = memberships.findById(id).orElse(null);
        if (membership == null) {
            memberships.save(new Membership(project.id(), user.getId(), role));
        } else {
            if (membership.getRole() == ProjectRole.OWNER && role != ProjectRole.OWNER) {
                guardLastOwner(project);
            }
            membership.changeRole(role);
        }
        auditLog.record("project.member_set", "project:" + key, username + " as " + role.wireName());
        return new MemberView(user.getUsername(), user.getDisplayName(), role);
    }

    @Transactional
    public void removeMember(String key, String username) {
        ProjectRef project = require(key, ProjectRole.OWNER);
        User user = users.find(username).orElseThrow(() -> new ApiException.NotFound("user '" + username + "'"));
        Membership membership = memberships.findById(new Membership.Key(project.id(), user.getId()))
                .orElseThrow(() -> new ApiException.NotFound("member '" + username + "' of project '" + key + "'"));
        if (membership.getRole() == ProjectRole.OWNER) {
            guardLastOwner(project);
        }
        memberships.delete(membership);
        auditLog.record("project.member_removed", "project:" + key, username);
    }

    /** Makes {@code username} an owner of the default project (first start), unless it is a member already. */
    @Transactional
    public void ensureDefaultProjectOwner(String username) {
        User user = users.find(username).orElseThrow();
        long projectId = projects.findWithRole(DEFAULT_PROJECT, user.getId()).orElseThrow().id();
        Membership.Key id = new Membership.Key(projectId, user.getId());
        if (!memberships.existsById(id)) {
            memberships.save(new Membership(projectId, user.getId(), ProjectRole.OWNER));
        }
    }

    private void guardLastOwner(ProjectRef project) {
        if (memberships.countByIdProjectIdAndRole(project.id(), ProjectRole.OWNER) <= 1) {
            throw new ApiException.Conflict("project '" + project.key() + "' must keep at least one owner");
        }
    }

    private static ProjectRole effectiveRole(ProjectRow row, CurrentUser me) {
        return me.admin() ? ProjectRole.OWNER : row.role();
    }

    private static ProjectView view(ProjectRow row, CurrentUser me) {
        return new ProjectView(row.key(), row.name(), row.createdAt(), effectiveRole(row, me));
    }
}
