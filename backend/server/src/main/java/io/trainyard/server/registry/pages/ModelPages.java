package io.trainyard.server.registry.pages;

import io.trainyard.client.model.AliasChangeResult;
import io.trainyard.client.model.AliasDecisionRequest;
import io.trainyard.client.model.CreateModelRequest;
import io.trainyard.client.model.CreateModelVersionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.RegisteredModel;
import io.trainyard.client.model.SetAliasRequest;
import io.trainyard.client.model.UpdateModelRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.aliases.AliasService;
import io.trainyard.server.registry.models.ModelService;
import io.trainyard.server.registry.models.ModelVersionService;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/** The models of a project and a model's page: versions, aliases, promotion with gate results, approvals. */
@Controller
class ModelPages {

    private static final int VERSIONS_SHOWN = 50;
    private static final JsonMapper POLICY_JSON = JsonMapper.builder().build();

    private final ModelService models;
    private final ModelVersionService versions;
    private final AliasService aliases;
    private final ProjectAccess projects;

    ModelPages(ModelService models, ModelVersionService versions, AliasService aliases, ProjectAccess projects) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
        this.projects = projects;
    }

    @GetMapping("/projects/{project}/models")
    String list(@PathVariable String project, @RequestParam(required = false) String pageToken, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        model.addAttribute("project", ref);
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("models", models.list(project, null, 50, pageToken));
        model.addAttribute("pending", aliases.pending(project));
        model.addAttribute("canApprove", ref.role().includes(ProjectRole.OWNER));
        model.addAttribute("me", CurrentUser.require().getUsername());
        if (!model.containsAttribute("name")) {
            model.addAttribute("name", "");
        }
        return "registry/models";
    }

    @PostMapping("/projects/{project}/models")
    String create(@PathVariable String project, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String description, Model model) {
        try {
            RegisteredModel created = models.create(project, new CreateModelRequest(name, description, null, null,
                    null));
            return "redirect:" + path(project, created.name());
        } catch (ApiException.BadRequest | ApiException.Conflict e) {
            model.addAttribute("name", name);
            model.addAttribute("nameError", message(e));
            return list(project, null, model);
        }
    }

    @GetMapping("/projects/{project}/models/{name}")
    String model(@PathVariable String project, @PathVariable String name, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        RegisteredModel registered = models.get(project, name);
        List<ModelVersion> shown = versions.versions(project, name, VERSIONS_SHOWN, null).items();
        model.addAttribute("project", ref);
        model.addAttribute("model", registered);
        model.addAttribute("card", ModelCardRenderer.toSafeHtml(registered.modelCard()));
        model.addAttribute("versions", shown);
        model.addAttribute("metricColumns", VersionColumns.metrics(registered.policy(), shown));
        List<PolicySummary> rules = PolicySummary.of(registered.policy());
        model.addAttribute("rules", rules);
        model.addAttribute("ruleText", rules.stream().collect(java.util.stream.Collectors.toMap(PolicySummary::alias,
                PolicySummary::rules)));
        model.addAttribute("pending", aliases.pending(project).stream()
                .filter(p -> p.model().equals(registered.name())).toList());
        model.addAttribute("history", aliases.history(project, name, null, 50, null).items());
        model.addAttribute("canEdit", ref.role().includes(ProjectRole.EDITOR));
        model.addAttribute("canApprove", ref.role().includes(ProjectRole.OWNER));
        model.addAttribute("policyJson", POLICY_JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(registered.policy()));
        model.addAttribute("me", CurrentUser.require().getUsername());
        return "registry/model";
    }

    @PostMapping("/projects/{project}/models/{name}/versions")
    String register(@PathVariable String project, @PathVariable String name, @RequestParam String runId,
                    RedirectAttributes redirect) {
        try {
            ModelVersion version = versions.createVersion(project, name,
                    new CreateModelVersionRequest(runId.strip(), null, null));
            redirect.addFlashAttribute("flash", "Registered version " + version.version() + ".");
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", message(e));
        }
        return "redirect:" + path(project, name);
    }

    @PostMapping("/projects/{project}/models/{name}/card")
    String card(@PathVariable String project, @PathVariable String name,
                @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String modelCard,
                RedirectAttributes redirect) {
        try {
            models.update(project, name, new UpdateModelRequest(description, modelCard, null));
            redirect.addFlashAttribute("flash", "Saved.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", message(e));
        }
        return "redirect:" + path(project, name);
    }

    /** Owners edit the policy as JSON; problems come back naming the policy's field. */
    @PostMapping("/projects/{project}/models/{name}/policy")
    String policy(@PathVariable String project, @PathVariable String name, @RequestParam String policy,
                  RedirectAttributes redirect) {
        try {
            models.setPolicy(project, name, POLICY_JSON.readValue(policy, PromotionPolicy.class));
            redirect.addFlashAttribute("flash", "Policy saved.");
        } catch (tools.jackson.core.JacksonException e) {
            redirect.addFlashAttribute("flashError", "policy: not valid JSON of a policy: " + e.getOriginalMessage());
        } catch (ApiException e) {
            // a BadRequest's message names each field: "policy.aliases.x.gates[0].metric: ..."
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:" + path(project, name);
    }

    /** Promotion: the gate results come back to the page, whatever the outcome. */
    @PostMapping("/projects/{project}/models/{name}/promote")
    String promote(@PathVariable String project, @PathVariable String name, @RequestParam String alias,
                   @RequestParam Integer version, @RequestParam(defaultValue = "") String comment,
                   RedirectAttributes redirect) {
        try {
            AliasChangeResult result = aliases.set(project, name, alias.strip(),
                    new SetAliasRequest(version, comment));
            redirect.addFlashAttribute("promotion", result);
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", message(e));
        }
        return "redirect:" + path(project, name);
    }

    @PostMapping("/projects/{project}/models/{name}/aliases/{alias}/decide")
    String decide(@PathVariable String project, @PathVariable String name, @PathVariable String alias,
                  @RequestParam int version, @RequestParam String decision,
                  @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        try {
            AliasDecisionRequest request = new AliasDecisionRequest(version, comment);
            if ("approve".equals(decision)) {
                redirect.addFlashAttribute("promotion", aliases.approve(project, name, alias, request));
            } else {
                aliases.reject(project, name, alias, request);
                redirect.addFlashAttribute("flash", "Rejected the change of '" + alias + "'.");
            }
        } catch (ApiException e) {
            redirect.addFlashAttribute("flashError", message(e));
        }
        return "redirect:" + path(project, name);
    }

    private static String path(String project, String name) {
        return "/projects/" + project + "/models/" + UriUtils.encodePathSegment(name, "UTF-8");
    }

    private static String message(ApiException e) {
        return e.fieldProblems().isEmpty() ? e.getMessage() : e.fieldProblems().get(0).message();
    }
}
