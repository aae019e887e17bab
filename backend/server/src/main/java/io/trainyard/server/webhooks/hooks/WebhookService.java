package io.trainyard.server.webhooks.hooks;

import io.trainyard.client.model.CreateWebhookRequest;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Webhook;
import io.trainyard.client.model.WebhookDelivery;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.webhooks.delivery.DeliveryStore;
import io.trainyard.server.webhooks.delivery.SsrfGuard;
import io.trainyard.server.webhooks.delivery.WebhookOutbox;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's webhooks; owners only, since a webhook sends the project's events out of the server. */
@Service
public class WebhookService {

    public static final List<String> EVENTS = List.of("model_version.created", "alias.changed",
            "alias.approval_requested", "run.finished", "drift.detected");

    private final WebhookStore store;
    private final DeliveryStore deliveries;
    private final WebhookOutbox outbox;
    private final SsrfGuard guard;
    private final ProjectAccess projects;
    private final AuditLog auditLog;

    WebhookService(WebhookStore store, DeliveryStore deliveries, WebhookOutbox outbox, SsrfGuard guard,
                   ProjectAccess projects, AuditLog auditLog) {
        this.store = store;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.guard = guard;
        this.projects = projects;
        this.auditLog = auditLog;
    }

    @Transactional(readOnly = true)
    public List<Webhook> list(String projectKey) {
        return store.list(projects.require(projectKey, ProjectRole.OWNER).id());
    }

    @Transactional
    public Webhook create(String projectKey, CreateWebhookRequest request) {
        ProjectRef project = projects.require(projectKey, ProjectRole.OWNER);
        List<FieldProblem> problems = new ArrayList<>();
        String url = checkUrl(request.url(), problems);
        Set<String> events = new LinkedHashSet<>();
        if (request.events() == null || request.events().isEmpty()) {
            problems.add(new FieldProblem("events", "name at least one of " + String.join(", ", EVENTS)));
        } else {
            for (String event : request.events()) {
                if (!EVENTS.contains(event)) {
                    problems.add(new FieldProblem("events", "'" + event + "' is not one of " + String.join(", ", EVENTS)));
                }
                events.add(event);
            }
        }
        if (request.secret() == null || request.secret().length() < 16 || request.secret().length() > 200) {
            problems.add(new FieldProblem("secret", "must be 16 to 200 characters (it keys the HMAC signature)"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        long id = store.insert(project.id(), url, List.copyOf(events), request.secret(),
                CurrentUser.require().getUsername());
        auditLog.record("webhook.created", "webhook:" + projectKey + "/" + id, url + " " + events);
        return store.find(project.id(), id).orElseThrow();
    }

    @Transactional
    public void delete(String projectKey, long id) {
        ProjectRef project = projects.require(projectKey, ProjectRole.OWNER);
        if (!store.delete(project.id(), id)) {
            throw new ApiException.NotFound("webhook " + id);
        }
        auditLog.record("webhook.deleted", "webhook:" + projectKey + "/" + id, null);
    }

    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(String projectKey, long id, int limit) {
        ProjectRef project = projects.require(projectKey, ProjectRole.OWNER);
        store.find(project.id(), id).orElseThrow(() -> new ApiException.NotFound("webhook " + id));
        return deliveries.recent(id, limit);
    }

    @Transactional
    public void ping(String projectKey, long id) {
        ProjectRef project = projects.require(projectKey, ProjectRole.OWNER);
        store.find(project.id(), id).orElseThrow(() -> new ApiException.NotFound("webhook " + id));
        outbox.ping(id, projectKey);
    }

    /** http(s) with a host that resolves, now, to addresses webhooks may reach; checked again at each send. */
    private String checkUrl(String url, List<FieldProblem> problems) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            problems.add(new FieldProblem("url", "is required, at most 2000 characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("url", "is not a valid URL: " + e.getReason()));
            return null;
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            problems.add(new FieldProblem("url", "must be an http or https URL with a host"));
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(new FieldProblem("url", "must not carry credentials; the signature authenticates"));
            return null;
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        try {
            guard.resolve(host);
        } catch (SsrfGuard.RefusedAddressException e) {
            problems.add(new FieldProblem("url", e.getMessage()));
        } catch (UnknownHostException e) {
            problems.add(new FieldProblem("url", "host '" + host + "' does not resolve"));
        }
        return uri.toString();
    }
}
