package io.trainyard.server.web;

import io.trainyard.server.security.ProjectAccess;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The navigation's "Experiments" opens the experiments of the project chosen in the switcher. */
@Controller
class ExperimentsShortcutPages {

    private final ProjectAccess projects;

    ExperimentsShortcutPages(ProjectAccess projects) {
        this.projects = projects;
    }

    @GetMapping("/experiments")
    String experiments(HttpSession session) {
        return CurrentProject.of(session, projects.visibleProjects())
                .map(project -> "redirect:/projects/" + project.key() + "/experiments")
                .orElse("redirect:/projects");
    }
}
