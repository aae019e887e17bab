package io.trainyard.server.web;

import io.trainyard.server.security.ProjectAccess;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The navigation's "Monitoring" opens the monitors of the project chosen in the switcher. */
@Controller
class MonitoringShortcutPages {

    private final ProjectAccess projects;

    MonitoringShortcutPages(ProjectAccess projects) {
        this.projects = projects;
    }

    @GetMapping("/monitoring")
    String monitoring(HttpSession session) {
        return CurrentProject.of(session, projects.visibleProjects())
                .map(project -> "redirect:/projects/" + project.key() + "/monitoring")
                .orElse("redirect:/projects");
    }
}
