package io.trainyard.server.security.projects;

import io.trainyard.client.model.CreateProjectRequest;
import io.trainyard.client.model.MemberRequest;
import io.trainyard.client.model.MemberView;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectView;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping
    Page<ProjectView> list(@RequestParam(required = false) Integer pageSize,
                           @RequestParam(required = false) String pageToken) {
        return projects.list(pageSize, pageToken);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProjectView create(@Valid @RequestBody CreateProjectRequest request) {
        return projects.create(request);
    }

    @GetMapping("/{project}")
    ProjectView get(@PathVariable String project) {
        return projects.get(project);
    }

    @GetMapping("/{project}/members")
    List<MemberView> members(@PathVariable String project) {
        return projects.members(project);
    }

    @PutMapping("/{project}/members/{username}")
    MemberView setMember(@PathVariable String project, @PathVariable String username,
                         @Valid @RequestBody MemberRequest request) {
        return projects.setMember(project, username, request.role());
    }

    @DeleteMapping("/{project}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable String project, @PathVariable String username) {
        projects.removeMember(project, username);
    }
}
