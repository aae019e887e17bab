package io.trainyard.server.security;

import io.trainyard.client.model.ProjectRole;
import java.util.List;

/**
 * Every read or write of a project's objects goes through here first: no object is reachable by ID alone.
 */
public interface ProjectAccess {

    /**
     * The project, if the current caller holds at least {@code role} in it.
     *
     * @throws io.trainyard.server.common.ApiException.NotFound  when it does not exist or the caller is no
     *                                                           member (the same answer, so keys leak nothing)
     * @throws io.trainyard.server.common.ApiException.Forbidden when the caller is a member with a lesser role
     */
    ProjectRef require(String projectKey, ProjectRole role);

    /** The projects the current caller may see, by key. */
    List<ProjectRef> visibleProjects();
}
