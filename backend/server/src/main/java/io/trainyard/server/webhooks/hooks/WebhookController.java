package io.trainyard.server.webhooks.hooks;

import io.trainyard.client.model.CreateWebhookRequest;
import io.trainyard.client.model.Webhook;
import io.trainyard.client.model.WebhookDelivery;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WebhookController {

    private static final String WEBHOOKS = "/api/v1/projects/{project}/webhooks";

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping(WEBHOOKS)
    List<Webhook> list(@PathVariable String project) {
        return webhooks.list(project);
    }

    @PostMapping(WEBHOOKS)
    @ResponseStatus(HttpStatus.CREATED)
    Webhook create(@PathVariable String project, @RequestBody CreateWebhookRequest request) {
        return webhooks.create(project, request);
    }

    @DeleteMapping(WEBHOOKS + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String project, @PathVariable long id) {
        webhooks.delete(project, id);
    }

    @GetMapping(WEBHOOKS + "/{id}/deliveries")
    List<WebhookDelivery> deliveries(@PathVariable String project, @PathVariable long id,
                                     @RequestParam(defaultValue = "50") int limit) {
        return webhooks.deliveries(project, id, Math.max(1, Math.min(limit, 500)));
    }

    /** Sends a {@code ping} event to this webhook only. */
    @PostMapping(WEBHOOKS + "/{id}/ping")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void ping(@PathVariable String project, @PathVariable long id) {
        webhooks.ping(project, id);
    }
}
