package io.trainyard.server.security.users;

import io.trainyard.client.model.ChangePasswordRequest;
import io.trainyard.server.common.ApiException;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Password. */
@Controller
@RequestMapping("/settings/password")
class PasswordPages {

    private final UserService users;

    PasswordPages(UserService users) {
        this.users = users;
    }

    @GetMapping
    String page(Model model) {
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new ChangePasswordRequest("", ""));
        }
        return "settings/password";
    }

    @PostMapping
    String change(@Valid @ModelAttribute("passwordForm") ChangePasswordRequest form, BindingResult errors,
                  RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                users.changeOwnPassword(form.currentPassword(), form.newPassword());
                redirect.addFlashAttribute("flash", "Your password has been changed.");
                return "redirect:/settings/password";
            } catch (ApiException.BadRequest e) {
                e.fieldProblems().forEach(p -> errors.rejectValue(p.field(), "invalid", p.message()));
            }
        }
        return "settings/password";
    }
}
