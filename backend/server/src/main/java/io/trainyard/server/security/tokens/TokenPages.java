package io.trainyard.server.security.tokens;

import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.TokenScope;
import io.trainyard.server.common.ApiException;
import jakarta.validation.Valid;
import java.util.EnumSet;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → API tokens. A new token's secret travels once, as a flash attribute, and is never stored. */
@Controller
@RequestMapping("/settings/tokens")
class TokenPages {

    private final TokenService tokens;
    private final MessageSource messages;

    TokenPages(TokenService tokens, MessageSource messages) {
        this.tokens = tokens;
        this.messages = messages;
    }

    @GetMapping
    String page(Model model) {
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm", new CreateTokenRequest("", EnumSet.of(TokenScope.READ), null));
        }
        model.addAttribute("scopes", TokenScope.values());
        model.addAttribute("tokens", tokens.listMine());
        return "settings/tokens";
    }

    @PostMapping
    String create(@Valid @ModelAttribute("tokenForm") CreateTokenRequest form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                redirect.addFlashAttribute("createdToken", tokens.create(form));
                return "redirect:/settings/tokens";
            } catch (ApiException.BadRequest e) {
                e.fieldProblems().forEach(p -> errors.rejectValue(p.field(), "invalid", p.message()));
            }
        }
        return page(model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        tokens.revokeMine(id);
        redirect.addFlashAttribute("flash", messages.getMessage("tokens.revokedMessage", null, locale));
        return "redirect:/settings/tokens";
    }
}
