package io.trainyard.server.web;

import io.trainyard.server.security.ProjectAccess;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The navigation's "Models" opens the registered models of the project chosen in the switcher. */
@Controller
class ModelsShortcutPages {

    private final ProjectAccess projects;

    ModelsShortcutPages(ProjectAccess projects) {
        this.projects = projects;
    }

    @GetMapping("/models")
    String models(HttpSession session) {
        return CurrentProject.of(session, projects.visibleProjects())
                .map(project -> "redirect:/projects/" + project.key() + "/models")
                .orElse("redirect:/projects");
    }
}
