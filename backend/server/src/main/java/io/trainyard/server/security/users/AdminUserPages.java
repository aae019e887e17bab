package io.trainyard.server.security.users;

import io.trainyard.client.model.CreateUserRequest;
import io.trainyard.client.model.UpdateUserRequest;
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

/** Admin → Users: create accounts, disable and enable them, grant and revoke admin. */
@Controller
@RequestMapping("/admin/users")
class AdminUserPages {

    private final UserService users;
    private final MessageSource messages;

    AdminUserPages(UserService users, MessageSource messages) {
        this.users = users;
        this.messages = messages;
    }

    @GetMapping
    String page(@RequestParam(required = false) String pageToken, Model model) {
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new CreateUserRequest("", "", "", false));
        }
        model.addAttribute("users", users.list(null, pageToken));
        return "admin/users";
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("userForm") CreateUserRequest form, BindingResult errors, Model model,
                  RedirectAttributes redirect, Locale locale) {
        if (!errors.hasErrors()) {
            try {
                users.create(form);
                redirect.addFlashAttribute("flash",
                        messages.getMessage("users.created", new Object[] {form.username()}, locale));
                return "redirect:/admin/users";
            } catch (ApiException.Conflict e) {
                errors.rejectValue("username", "duplicate", e.getMessage());
            }
        }
        return page(null, model);
    }

    /** One form per button: each sends only the field it changes. */
    @PostMapping("/{username}")
    String update(@PathVariable String username, @RequestParam(required = false) Boolean enabled,
                  @RequestParam(required = false) Boolean admin, RedirectAttributes redirect, Locale locale) {
        try {
            users.update(username, new UpdateUserRequest(null, admin, enabled, null));
            redirect.addFlashAttribute("flash",
                    messages.getMessage("users.updated", new Object[] {username}, locale));
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
