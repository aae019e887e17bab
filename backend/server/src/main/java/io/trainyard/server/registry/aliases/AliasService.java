package io.trainyard.server.registry.aliases;

import io.trainyard.client.model.AliasChange;
import io.trainyard.client.model.AliasChangeResult;
import io.trainyard.client.model.AliasDecisionRequest;
import io.trainyard.client.model.GateResult;
import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.PendingAliasChange;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.PromotionPolicy.AliasRules;
import io.trainyard.client.model.SetAliasRequest;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
import io.trainyard.server.registry.AliasApprovalRequested;
import io.trainyard.server.registry.AliasChanged;
import io.trainyard.server.registry.models.ModelRow;
import io.trainyard.server.registry.models.ModelService;
import io.trainyard.server.registry.models.ModelVersionService;
import io.trainyard.server.registry.models.RegistryJson;
import io.trainyard.server.registry.models.VersionRow;
import io.trainyard.server.registry.policy.GateEvaluator;
import io.trainyard.server.registry.policy.GateEvaluator.Candidate;
import io.trainyard.server.registry.policy.PolicyValidator;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.ProjectAccess;
import io.trainyard.server.security.ProjectRef;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aliases and their promotion policy. Setting an alias checks every rule of the alias against the version
 * (and against the alias's current holder for mustBeat); a failed rule refuses the change, an alias that
 * requires approval waits for a project owner other than the requester. Every outcome, refusals included, is
 * written to the alias history. Changes to one model's aliases are serialized by the model's row lock.
 */
@Service
public class AliasService {

    private static final int MAX_COMMENT = 2000;

    private final ModelService models;
    private final ModelVersionService versions;
    private final AliasStore store;
    private final ProjectAccess projects;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;

    AliasService(ModelService models, ModelVersionService versions, AliasStore store, ProjectAccess projects, AuditLog auditLog,
                 ApplicationEventPublisher events) {
        this.models = models;
        this.versions = versions;
        this.store = store;
        this.projects = projects;
        this.auditLog = auditLog;
        this.events = events;
    }

    /** The version the alias points at; {@code latest} is the newest version. */
    @Transactional(readOnly = true)
    public ModelVersion resolve(String projectKey, String name, String alias) {
        ModelRow model = models.require(projectKey, name, ProjectRole.VIEWER);
        return versions.view(model, holder(model, alias).orElseThrow(() -> new ApiException.NotFound(
                "alias '" + alias + "' of model '" + name + "'")));
    }

    /** The version row the alias points at, if any. */
    @Transactional(readOnly = true)
    public Optional<VersionRow> holder(ModelRow model, String alias) {
        if (PolicyValidator.LATEST.equals(alias)) {
            return models.newestVersion(model);
        }
        return store.holder(model.id(), alias).flatMap(models::versionById);
    }

    @Transactional
    public AliasChangeResult set(String projectKey, String name, String alias, SetAliasRequest request) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.EDITOR);
        PolicyValidator.checkAlias(alias, "alias").ifPresent(p -> {
            throw new ApiException.BadRequest(p.field(), p.message());
        });
        if (request.version() == null) {
            throw new ApiException.BadRequest("version", "is required");
        }
        VersionRow target = version(model, request.version());
        String comment = comment(request.comment());
        String actor = CurrentUser.require().getUsername();
        Optional<VersionRow> current = holder(model, alias);
        Integer from = current.map(VersionRow::version).orElse(null);
        if (current.isPresent() && current.get().id() == target.id()) {
            return new AliasChangeResult(alias, target.version(), "unchanged", from, List.of(), null);
        }
        AliasRules rules = rules(model, alias);
        List<GateResult> gates = check(rules, target, current);
        String gatesJson = RegistryJson.write(gates);
        if (!GateEvaluator.allPassed(gates)) {
            store.record(model.id(), alias, "refused", from, target.version(), actor, null, gatesJson, comment);
            return new AliasChangeResult(alias, target.version(), "refused", from, gates, null);
        }
        supersedePending(model, alias, actor);
        if (rules != null && Boolean.TRUE.equals(rules.requiresApproval())) {
            long id = store.insertRequest(model.id(), alias, target.id(), actor, comment, gatesJson);
            store.record(model.id(), alias, "requested", from, target.version(), actor, null, gatesJson, comment);
            auditLog.record("alias.approval_requested", target(model, alias), "version " + target.version());
            events.publishEvent(new AliasApprovalRequested(model.projectId(), model.projectKey(), model.name(), alias,
                    target.version(), from, actor, comment));
            return new AliasChangeResult(alias, target.version(), "pending", from, gates, id);
        }
        store.set(model.id(), alias, target.id(), actor);
        store.record(model.id(), alias, "set", from, target.version(), actor, null, gatesJson, comment);
        auditLog.record("alias.changed", target(model, alias), from + " -> " + target.version());
        events.publishEvent(new AliasChanged(model.projectId(), model.projectKey(), model.name(), alias, from,
                target.version(), actor, null));
        return new AliasChangeResult(alias, target.version(), "set", from, gates, null);
    }

    /**
     * A project owner who did not ask for the change approves it; the rules are checked again (the holder may
     * have changed since the request), and a failure refuses it, leaving the request pending.
     */
    @Transactional
    public AliasChangeResult approve(String projectKey, String name, String alias, AliasDecisionRequest decision) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.OWNER);
        AliasStore.Request request = pending(model, alias, decision);
        String approver = CurrentUser.require().getUsername();
        if (approver.equals(request.requestedBy())) {
            throw new ApiException.Forbidden("four eyes: '" + approver
                    + "' asked for this change and cannot approve it; another owner must");
        }
        String comment = comment(decision.comment());
        VersionRow target = models.versionById(request.versionId()).orElseThrow();
        Optional<VersionRow> current = holder(model, alias);
        Integer from = current.map(VersionRow::version).orElse(null);
        AliasRules rules = rules(model, alias);
        List<GateResult> gates = check(rules, target, current);
        String gatesJson = RegistryJson.write(gates);
        if (!GateEvaluator.allPassed(gates)) {
            store.record(model.id(), alias, "refused", from, target.version(), request.requestedBy(), approver,
                    gatesJson, comment);
            return new AliasChangeResult(alias, target.version(), "refused", from, gates, request.id());
        }
        store.set(model.id(), alias, target.id(), request.requestedBy());
        store.decide(request.id(), "approved", approver, comment);
        store.record(model.id(), alias, "approved", from, target.version(), request.requestedBy(), approver,
                gatesJson, comment);
        auditLog.record("alias.changed", target(model, alias), from + " -> " + target.version()
                + ", approved by " + approver);
        events.publishEvent(new AliasChanged(model.projectId(), model.projectKey(), model.name(), alias, from,
                target.version(), request.requestedBy(), approver));
        return new AliasChangeResult(alias, target.version(), "set", from, gates, request.id());
    }

    /** An owner turns a pending change down, or the requester withdraws it. */
    @Transactional
    public void reject(String projectKey, String name, String alias, AliasDecisionRequest decision) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.EDITOR);
        AliasStore.Request request = pending(model, alias, decision);
        String actor = CurrentUser.require().getUsername();
        if (!actor.equals(request.requestedBy())) {
            projects.require(projectKey, ProjectRole.OWNER);
        }
        String comment = comment(decision.comment());
        store.decide(request.id(), "rejected", actor, comment);
        store.record(model.id(), alias, "rejected", holder(model, alias).map(VersionRow::version).orElse(null),
                request.version(), request.requestedBy(), actor, request.gatesJson(), comment);
    }

    /** Removes the alias; one governed by the policy takes an owner. */
    @Transactional
    public void delete(String projectKey, String name, String alias) {
        ModelRow model = models.lock(projectKey, name, ProjectRole.EDITOR);
        if (rules(model, alias) != null) {
            projects.require(projectKey, ProjectRole.OWNER);
        }
        Integer from = holder(model, alias).map(VersionRow::version).orElse(null);
        if (PolicyValidator.LATEST.equals(alias) || !store.delete(model.id(), alias)) {
            throw new ApiException.NotFound("alias '" + alias + "' of model '" + name + "'");
        }
        String actor = CurrentUser.require().getUsername();
        supersedePending(model, alias, actor);
        store.record(model.id(), alias, "deleted", from, null, actor, null, null, null);
        auditLog.record("alias.deleted", target(model, alias), "was " + from);
        events.publishEvent(new AliasChanged(model.projectId(), model.projectKey(), model.name(), alias, from, null,
                actor, null));
    }

    /** Newest first; every alias of the model when {@code alias} is null. */
    @Transactional(readOnly = true)
    public Page<AliasChange> history(String projectKey, String name, String alias, Integer pageSize,
                                     String pageToken) {
        ModelRow model = models.require(projectKey, name, ProjectRole.VIEWER);
        int size = PageToken.clampPageSize(pageSize);
        long before = PageToken.decodeBelow(pageToken);
        List<AliasStore.HistoryRow> rows = store.history(model.id(), alias, before, size + 1);
        String next = rows.size() > size ? PageToken.encode(Long.toString(rows.get(size - 1).id())) : null;
        return new Page<>(rows.stream().limit(size).map(AliasStore.HistoryRow::change).toList(), next);
    }

    /** Pending alias changes of one project, or (null) of every project the caller sees; oldest first. */
    @Transactional(readOnly = true)
    public List<PendingAliasChange> pending(String projectKey) {
        List<Long> projectIds = projectKey == null
                ? projects.visibleProjects().stream().map(ProjectRef::id).toList()
                : List.of(projects.require(projectKey, ProjectRole.VIEWER).id());
        return store.pendingIn(projectIds, 500).stream().map(p -> new PendingAliasChange(p.request().id(),
                p.projectKey(), p.modelName(), p.request().alias(), p.request().version(), p.currentVersion(),
                p.request().requestedBy(), p.request().requestedAt(), p.request().comment(),
                RegistryJson.gates(p.request().gatesJson()))).toList();
    }

    private AliasStore.Request pending(ModelRow model, String alias, AliasDecisionRequest decision) {
        AliasStore.Request request = store.pending(model.id(), alias).orElseThrow(() -> new ApiException.NotFound(
                "pending change of alias '" + alias + "' of model '" + model.name() + "'"));
        if (decision.version() != null && decision.version() != request.version()) {
            throw new ApiException.Conflict("the pending change of '" + alias + "' is to version "
                    + request.version() + ", not " + decision.version());
        }
        return request;
    }

    private void supersedePending(ModelRow model, String alias, String actor) {
        store.pending(model.id(), alias).ifPresent(old -> {
            store.decide(old.id(), "superseded", actor, null);
            store.record(model.id(), alias, "superseded", null, old.version(), old.requestedBy(), actor,
                    old.gatesJson(), "replaced by a newer change");
        });
    }

    private VersionRow version(ModelRow model, int number) {
        return models.findVersion(model, number).orElseThrow(() -> new ApiException.BadRequest("version",
                "model '" + model.name() + "' has no version " + number));
    }

    /** The alias's rules in the model's policy; null when it has none. */
    private static AliasRules rules(ModelRow model, String alias) {
        return RegistryJson.policy(model.policyJson()).aliases().get(alias);
    }

    /** Every rule checked for the version, mustBeat against the current holder; none without rules. */
    private static List<GateResult> check(AliasRules rules, VersionRow target, Optional<VersionRow> current) {
        return rules == null ? List.of()
                : GateEvaluator.evaluate(rules, candidate(target), current.map(AliasService::candidate));
    }

    private static Candidate candidate(VersionRow version) {
        return new Candidate(version.version(), RegistryJson.numbers(version.metricsJson()),
                version.subgroupGapsJson() == null ? null : RegistryJson.numbers(version.subgroupGapsJson()));
    }

    private static String comment(String comment) {
        String clean = Texts.blankToNull(comment);
        if (clean != null && clean.length() > MAX_COMMENT) {
            throw new ApiException.BadRequest("comment", "may have at most " + MAX_COMMENT + " characters");
        }
        return clean;
    }

    private static String target(ModelRow model, String alias) {
        return "model:" + model.projectKey() + "/" + model.name() + "@" + alias;
    }
}
