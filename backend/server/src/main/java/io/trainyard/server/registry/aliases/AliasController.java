package io.trainyard.server.registry.aliases;

import io.trainyard.client.model.AliasChange;
import io.trainyard.client.model.AliasChangeResult;
import io.trainyard.client.model.AliasDecisionRequest;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.PendingAliasChange;
import io.trainyard.client.model.SetAliasRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Aliases: 200 when set (or already so), 202 when waiting for an approval, 409 problem+json listing every
 * rule's result when a rule failed (the refusal is recorded in the history, so it is not an exception that
 * would roll the record back).
 */
@RestController
class AliasController {

    private static final String ALIAS = "/api/v1/projects/{project}/models/{name}/aliases/{alias}";

    private final AliasService aliases;

    AliasController(AliasService aliases) {
        this.aliases = aliases;
    }

    @GetMapping(ALIAS)
    ModelVersion get(@PathVariable String project, @PathVariable String name, @PathVariable String alias) {
        return aliases.resolve(project, name, alias);
    }

    @PutMapping(ALIAS)
    ResponseEntity<?> set(@PathVariable String project, @PathVariable String name, @PathVariable String alias,
                          @RequestBody SetAliasRequest request) {
        return answer(aliases.set(project, name, alias, request));
    }

    @PostMapping(ALIAS + "/approve")
    ResponseEntity<?> approve(@PathVariable String project, @PathVariable String name, @PathVariable String alias,
                              @RequestBody AliasDecisionRequest request) {
        return answer(aliases.approve(project, name, alias, request));
    }

    @PostMapping(ALIAS + "/reject")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reject(@PathVariable String project, @PathVariable String name, @PathVariable String alias,
                @RequestBody(required = false) AliasDecisionRequest request) {
        aliases.reject(project, name, alias, request == null ? new AliasDecisionRequest(null, null) : request);
    }

    @DeleteMapping(ALIAS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String project, @PathVariable String name, @PathVariable String alias) {
        aliases.delete(project, name, alias);
    }

    @GetMapping(ALIAS + "/history")
    Page<AliasChange> history(@PathVariable String project, @PathVariable String name, @PathVariable String alias,
                              @RequestParam(required = false) Integer pageSize,
                              @RequestParam(required = false) String pageToken) {
        return aliases.history(project, name, alias, pageSize, pageToken);
    }

    @GetMapping("/api/v1/projects/{project}/models/{name}/alias-history")
    Page<AliasChange> modelHistory(@PathVariable String project, @PathVariable String name,
                                   @RequestParam(required = false) Integer pageSize,
                                   @RequestParam(required = false) String pageToken) {
        return aliases.history(project, name, null, pageSize, pageToken);
    }

    @GetMapping("/api/v1/projects/{project}/approvals")
    List<PendingAliasChange> approvals(@PathVariable String project) {
        return aliases.pending(project);
    }

    static ResponseEntity<?> answer(AliasChangeResult result) {
        return switch (result.outcome()) {
            case "pending" -> ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
            case "refused" -> {
                long failed = result.gates().stream().filter(g -> !g.passed()).count();
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "version "
                        + result.version() + " does not meet the policy of alias '" + result.alias() + "': "
                        + failed + " of " + result.gates().size() + " rules failed");
                problem.setProperty("alias", result.alias());
                problem.setProperty("version", result.version());
                problem.setProperty("currentVersion", result.previousVersion());
                problem.setProperty("gates", result.gates());
                yield ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
            default -> ResponseEntity.ok(result);
        };
    }
}
