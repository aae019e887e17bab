package io.trainyard.server.launch.pages;

import io.trainyard.client.model.ColumnType;
import io.trainyard.client.model.Dataset;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunInput;
import io.trainyard.client.model.TrainingRunRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import io.trainyard.server.datasets.DatasetVersions;
import io.trainyard.server.launch.RunCancellation;
import io.trainyard.server.launch.TrainingLauncher;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import io.trainyard.server.tracking.RunTracking;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * "New training run" in the browser: the dataset version's schema as target and feature pickers, the
 * template and hyperparameters with their defaults, live validation through {@link TrainingLauncher#check},
 * submit to the run's page; clone and edit from a run's {@code trainyard.config} tag; cancel.
 */
@Controller
class TrainingRunPages {

    private final TrainingLauncher launcher;
    private final RunCancellation cancellation;
    private final ProjectAccess projects;
    private final DatasetVersions versions;
    private final RunTracking tracking;
    private final JsonMapper json;

    TrainingRunPages(TrainingLauncher launcher, RunCancellation cancellation, ProjectAccess projects,
                     DatasetVersions versions, RunTracking tracking, JsonMapper json) {
        this.launcher = launcher;
        this.cancellation = cancellation;
        this.projects = projects;
        this.versions = versions;
        this.tracking = tracking;
        this.json = json;
    }

    /** A column as the pickers show it. */
    record ColumnView(String name, String type, boolean numeric) {
    }

    record Problem(String field, String slot, String message) {
    }

    @GetMapping("/projects/{project}/training-runs/new")
    String form(@PathVariable String project, @RequestParam(required = false) String dataset,
                @RequestParam(required = false) Integer version, @RequestParam(required = false) String clone,
                @RequestParam(required = false) String experiment, Model model) {
        ProjectRef ref = projects.require(project, ProjectRole.EDITOR);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        JsonNode config = defaults();
        if (clone != null && !clone.isBlank()) {
            Run source = tracking.get(clone.strip(), ProjectRole.VIEWER);
            if (!source.project().equals(ref.key())) {
                throw new ApiException.NotFound("run '" + clone + "' is not in project '" + ref.key() + "'");
            }
            String tagged = source.tags().get("trainyard.config");
            if (tagged != null) {
                try {
                    config = json.readTree(tagged);
                    form.add("base", config.toString());
                } catch (RuntimeException e) {
                    // not a config after all: the defaults
                }
            }
            RunInput input = source.inputs().stream().filter(i -> i.dataset() != null && i.version() != null)
                    .findFirst().orElse(null);
            if (input != null && dataset == null) {
                dataset = input.dataset();
                version = input.version();
            }
            form.add("experiment", tracking.experimentName(source.experimentId()));
            form.add("name", source.name() + "-clone");
            model.addAttribute("cloneOf", source);
        } else {
            form.add("experiment", experiment == null ? "training" : experiment);
        }
        TrainingForm.values(config).forEach(form::add);
        TrainingForm.features(config).forEach(f -> form.add("config.features", f));
        form.add("resources.gpus", "0");
        form.add("priority", "0");
        return render(ref, dataset, version, form, List.of(), model);
    }

    /** The normalized defaults, so every input shows what a blank would mean. */
    private JsonNode defaults() {
        ObjectNode config = (ObjectNode) json.readTree(TrainingConfigJson.toJson(
                TrainingConfig.of("classification", null, List.of())));
        config.remove("target");
        ((ObjectNode) config.path("optimizer")).remove("weightDecay"); // depends on the optimizer
        return config;
    }

    @PostMapping("/projects/{project}/training-runs")
    String submit(@PathVariable String project, @RequestParam MultiValueMap<String, String> form, Model model,
                  HttpServletResponse response) {
        ProjectRef ref = projects.require(project, ProjectRole.EDITOR);
        List<FieldProblem> problems = new ArrayList<>();
        TrainingRunRequest request = request(form, problems);
        if (problems.isEmpty()) {
            try {
                TrainingLauncher.Launched launched = launcher.launch(ref.key(), request,
                        TrainingForm.blankToNull(form.getFirst("idempotencyKey")));
                return "redirect:/runs/" + launched.run().id();
            } catch (ApiException.BadRequest e) {
                problems.addAll(e.fieldProblems().isEmpty()
                        ? List.of(new FieldProblem("general", e.getMessage())) : e.fieldProblems());
            }
        } else {
            problems.addAll(launcher.check(ref.key(), request));
        }
        response.setStatus(422);
        return render(ref, form.getFirst("dataset"), parseVersion(form.getFirst("version")), form, problems, model);
    }

    /** Live validation: the problems the submit would show, each with the slot next to its field. */
    @PostMapping(path = "/projects/{project}/training-runs/check", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> check(@PathVariable String project, @RequestParam MultiValueMap<String, String> form) {
        ProjectRef ref = projects.require(project, ProjectRole.VIEWER);
        List<FieldProblem> problems = new ArrayList<>();
        TrainingRunRequest request = request(form, problems);
        problems.addAll(launcher.check(ref.key(), request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("problems", problems.stream()
                .map(p -> new Problem(p.field(), TrainingForm.slot(p.field()), p.message())).toList());
        return answer;
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable String id) {
        Run run = cancellation.cancel(id);
        return "redirect:/runs/" + UriUtils.encodePathSegment(run.id(), "UTF-8");
    }

    private TrainingRunRequest request(MultiValueMap<String, String> form, List<FieldProblem> problems) {
        ObjectNode config = TrainingForm.config(form, json, problems);
        Integer gpus = TrainingForm.integer(form, "resources.gpus", problems);
        Integer priority = TrainingForm.integer(form, "priority", problems);
        Integer version = TrainingForm.integer(form, "version", problems);
        return new TrainingRunRequest(TrainingForm.blankToNull(form.getFirst("experiment")),
                TrainingForm.blankToNull(form.getFirst("name")),
                new TrainingRunRequest.DatasetRef(TrainingForm.blankToNull(form.getFirst("dataset")), version), config,
                new TrainingRunRequest.Resources(gpus, List.of()), priority);
    }

    private static Integer parseVersion(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String render(ProjectRef ref, String dataset, Integer version, MultiValueMap<String, String> form,
                          List<FieldProblem> problems, Model model) {
        model.addAttribute("project", ref);
        List<Dataset> choices = versions.datasets(ref.key(), 100).stream()
                .filter(d -> d.latestVersion() != null).toList();
        model.addAttribute("datasets", choices);
        Map<String, String> errors = new LinkedHashMap<>(TrainingForm.errors(problems));
        DatasetVersion described = null;
        if (dataset != null && !dataset.isBlank()) {
            Integer chosen = version;
            if (chosen == null) {
                chosen = choices.stream().filter(d -> d.name().equals(dataset)).map(Dataset::latestVersion)
                        .findFirst().orElse(null);
            }
            if (chosen == null) {
                errors.putIfAbsent("dataset", "dataset '" + dataset + "' has no version");
            } else {
                try {
                    described = versions.describe(ref.key(), dataset, chosen);
                } catch (ApiException.NotFound e) {
                    errors.putIfAbsent("dataset", "dataset '" + dataset + "' has no version " + chosen);
                }
            }
        }
        model.addAttribute("dataset", dataset == null ? "" : dataset);
        model.addAttribute("version", described == null ? null : described.version());
        model.addAttribute("described", described);
        if (described != null) {
            model.addAttribute("columns", described.columns().stream()
                    .map(c -> new ColumnView(c.name(), c.type().wireName(), c.type() == ColumnType.NUMERIC)).toList());
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        Set<String> features = new LinkedHashSet<>(form.getOrDefault("config.features", List.of()));
        if (described != null && features.isEmpty() && !form.containsKey("submitted")) {
            // a fresh form: every column but the target is a feature until unticked
            String target = values.getOrDefault("config.target", "");
            described.columns().stream().map(c -> c.name()).filter(n -> !n.equals(target)).forEach(features::add);
        }
        values.putIfAbsent("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("values", values);
        model.addAttribute("features", features);
        model.addAttribute("sections", TrainingForm.SECTIONS);
        model.addAttribute("errors", errors);
        model.addAttribute("general", errors.getOrDefault("general", errors.get("config")));
        model.addAttribute("checkUrl", "/projects/" + UriUtils.encodePathSegment(ref.key(), "UTF-8")
                + "/training-runs/check");
        return "launch/new";
    }
}
