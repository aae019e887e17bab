package io.trainyard.server.serving.pages;

import io.trainyard.client.model.PredictResponse;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.ModelRegistry;
import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.serving.log.PredictionLog;
import io.trainyard.server.serving.predict.ScoringService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** "Try it": rows as JSON in a form, scored by the same code as the predict endpoint (and logged alike). */
@Controller
class TryItPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScoringService scoring;
    private final ModelRegistry registry;
    private final ProjectAccess projects;
    private final PredictionLog predictionLog;
    private final ExampleRows examples;

    TryItPages(ScoringService scoring, ModelRegistry registry, ProjectAccess projects, PredictionLog predictionLog,
               ExampleRows examples) {
        this.scoring = scoring;
        this.registry = registry;
        this.projects = projects;
        this.predictionLog = predictionLog;
        this.examples = examples;
    }

    @GetMapping("/projects/{project}/models/{name}/try")
    String form(@PathVariable String project, @PathVariable String name,
                @RequestParam(defaultValue = "latest") String alias, Model model) {
        ServableVersion served = registry.resolve(project, name, alias, null, ProjectRole.VIEWER);
        return page(project, name, alias, examples.of(served), model);
    }

    @PostMapping("/projects/{project}/models/{name}/try")
    String score(@PathVariable String project, @PathVariable String name,
                 @RequestParam(defaultValue = "latest") String alias, @RequestParam String rows, Model model) {
        try {
            List<Map<String, Object>> parsed = JSON.readValue(rows, new TypeReference<>() { });
            PredictResponse response = scoring.predict(project, name, alias, null, parsed);
            model.addAttribute("response", response);
        } catch (JacksonException e) {
            model.addAttribute("errors", List.of(new ApiException.FieldProblem("rows",
                    "is not a JSON list of objects: " + e.getOriginalMessage())));
        } catch (ApiException e) {
            model.addAttribute("errors", e.fieldProblems().isEmpty()
                    ? List.of(new ApiException.FieldProblem("request", e.getMessage())) : e.fieldProblems());
        }
        return page(project, name, alias, rows, model);
    }

    private String page(String project, String name, String alias, String rows, Model model) {
        model.addAttribute("project", projects.require(project, ProjectRole.VIEWER));
        model.addAttribute("modelName", name);
        model.addAttribute("alias", alias);
        model.addAttribute("rows", rows);
        model.addAttribute("logStats", predictionLog.stats());
        return "serving/try";
    }
}
