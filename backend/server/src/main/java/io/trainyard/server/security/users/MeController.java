package io.trainyard.server.security.users;

import io.trainyard.client.model.Me;
import io.trainyard.client.model.ProjectView;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final ProjectAccess projects;

    MeController(ProjectAccess projects) {
        this.projects = projects;
    }

    @GetMapping("/api/v1/me")
    Me me() {
        CurrentUser me = CurrentUser.require();
        List<ProjectView> visible = projects.visibleProjects().stream()
                .map(p -> new ProjectView(p.key(), p.name(), null, p.role()))
                .toList();
        return new Me(me.getUsername(), me.displayName(), me.admin(), me.scopes(), visible);
    }
}
