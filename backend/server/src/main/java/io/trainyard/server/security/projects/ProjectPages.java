package io.trainyard.server.security.projects;

import io.trainyard.client.model.CreateProjectRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.ProjectView;
import io.trainyard.server.common.ApiException;
import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Projects list and creation; a project's members (owners manage them, others read). */
@Controller
@RequestMapping("/projects")
class ProjectPages {

    private final ProjectService projects;
    private final MessageSource messages;

    ProjectPages(ProjectService projects, MessageSource messages) {
        this.projects = projects;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String pageToken, Model model) {
        if (!model.containsAttribute("projectForm")) {
            model.addAttribute("projectForm", new CreateProjectRequest("", ""));
        }
        model.addAttribute("projects", projects.list(null, pageToken));
        return "projects/list";
    }

    @PostMapping
    String create(@Valid @ModelAttribute("projectForm") CreateProjectRequest form, BindingResult errors,
                  Model model, RedirectAttributes redirect, Locale locale) {
        if (!errors.hasErrors()) {
            try {
                projects.create(form);
                redirect.addFlashAttribute("flash",
                        messages.getMessage("projects.created", new Object[] {form.key()}, locale));
                return "redirect:/projects/" + form.key() + "/members";
            } catch (ApiException.Conflict e) {
                errors.rejectValue("key", "duplicate", e.getMessage());
            }
        }
        return list(null, model);
    }

    @GetMapping("/{key}/members")
    String members(@PathVariable String key, Model model) {
        ProjectView project = projects.get(key);
        model.addAttribute("project", project);
        model.addAttribute("members", projects.members(key));
        model.addAttribute("canManage", project.role() == ProjectRole.OWNER);
        model.addAttribute("roles", ProjectRole.values());
        return "projects/members";
    }

    @PostMapping("/{key}/members")
    String setMember(@PathVariable String key, @RequestParam String username, @RequestParam ProjectRole role,
                     RedirectAttributes redirect, Locale locale) {
        try {
            projects.setMember(key, username.strip(), role);
            redirect.addFlashAttribute("flash", messages.getMessage("members.saved", null, locale));
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/projects/{key}/members";
    }

    @PostMapping("/{key}/members/{username}/remove")
    String removeMember(@PathVariable String key, @PathVariable String username, RedirectAttributes redirect,
                        Locale locale) {
        try {
            projects.removeMember(key, username);
            redirect.addFlashAttribute("flash", messages.getMessage("members.removed", null, locale));
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/projects/{key}/members";
    }
}
