package io.trainyard.server.web;

import io.trainyard.server.security.ProjectAccess;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The navigation's "Datasets" opens the datasets of the project chosen in the switcher. */
@Controller
class DatasetsShortcutPages {

    private final ProjectAccess projects;

    DatasetsShortcutPages(ProjectAccess projects) {
        this.projects = projects;
    }

    @GetMapping("/datasets")
    String datasets(HttpSession session) {
        return CurrentProject.of(session, projects.visibleProjects())
                .map(project -> "redirect:/projects/" + project.key() + "/datasets")
                .orElse("redirect:/projects");
    }
}
