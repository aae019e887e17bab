package io.trainyard.server.webhooks.pages;

import io.trainyard.client.model.CreateWebhookRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Webhook;
import io.trainyard.client.model.WebhookDelivery;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.webhooks.hooks.WebhookService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A project's webhooks with their delivery log (owners only). */
@Controller
class WebhookPages {

    private final WebhookService webhooks;
    private final ProjectAccess projects;

    WebhookPages(WebhookService webhooks, ProjectAccess projects) {
        this.webhooks = webhooks;
        this.projects = projects;
    }

    @GetMapping("/projects/{project}/webhooks")
    String list(@PathVariable String project, Model model) {
        model.addAttribute("project", projects.require(project, ProjectRole.OWNER));
        List<Webhook> hooks = webhooks.list(project);
        Map<Long, List<WebhookDelivery>> deliveries = new LinkedHashMap<>();
        hooks.forEach(h -> deliveries.put(h.id(), webhooks.deliveries(project, h.id(), 20)));
        model.addAttribute("webhooks", hooks);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("events", WebhookService.EVENTS);
        return "webhooks/list";
    }

    @PostMapping("/projects/{project}/webhooks")
    String create(@PathVariable String project, @RequestParam(defaultValue = "") String url,
                  @RequestParam(required = false) List<String> events, @RequestParam(defaultValue = "") String secret,
                  RedirectAttributes redirect) {
        try {
            webhooks.create(project, new CreateWebhookRequest(url, events, secret));
            redirect.addFlashAttribute("flash", "Webhook added.");
        } catch (ApiException e) {
            // a BadRequest's message names each field: "url: ...; secret: ..."
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/projects/" + project + "/webhooks";
    }

    @PostMapping("/projects/{project}/webhooks/{id}/ping")
    String ping(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.ping(project, id);
        redirect.addFlashAttribute("flash", "A ping event is on its way; reload to see its delivery.");
        return "redirect:/projects/" + project + "/webhooks";
    }

    @PostMapping("/projects/{project}/webhooks/{id}/delete")
    String delete(@PathVariable String project, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.delete(project, id);
        redirect.addFlashAttribute("flash", "Webhook deleted.");
        return "redirect:/projects/" + project + "/webhooks";
    }
}
