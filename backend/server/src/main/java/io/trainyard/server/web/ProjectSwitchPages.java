package io.trainyard.server.web;

import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.security.ProjectAccess;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class ProjectSwitchPages {

    private final ProjectAccess projects;

    ProjectSwitchPages(ProjectAccess projects) {
        this.projects = projects;
    }

    @PostMapping("/switch-project")
    String switchProject(@RequestParam String project, HttpSession session) {
        projects.require(project, ProjectRole.VIEWER);
        session.setAttribute(CurrentProject.SESSION_ATTRIBUTE, project);
        return "redirect:/";
    }
}
