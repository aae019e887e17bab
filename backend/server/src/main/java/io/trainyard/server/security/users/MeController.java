package io.trainyard.server.security.users;

import io.trainyard.client.model.ChangePasswordRequest;
import io.trainyard.client.model.Me;
import io.trainyard.client.model.ProjectView;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final ProjectAccess projects;
    private final UserService users;

    MeController(ProjectAccess projects, UserService users) {
        this.projects = projects;
        this.users = users;
    }

    @PutMapping("/api/v1/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@Valid @RequestBody ChangePasswordRequest request) {
        users.changeOwnPassword(request.currentPassword(), request.newPassword());
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
