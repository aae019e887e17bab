package io.trainyard.server.registry.policy;

import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.PromotionPolicy.AliasRules;
import io.trainyard.client.model.PromotionPolicy.MetricGate;
import io.trainyard.client.model.PromotionPolicy.MustBeat;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a promotion policy and fills in its defaults; every problem is named by its path in the request. */
public final class PolicyValidator {

    public static final Pattern ALIAS = Pattern.compile("[a-z0-9-]{1,64}");
    public static final String LATEST = "latest";
    private static final int MAX_GATES = 50;

    private PolicyValidator() {
    }

    /** The policy with defaults filled in ({@code requiresApproval} false, margins 0, modes chosen). */
    public static PromotionPolicy normalize(PromotionPolicy policy, String field) {
        if (policy == null || policy.aliases() == null) {
            return new PromotionPolicy(Map.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, AliasRules> aliases = new LinkedHashMap<>();
        policy.aliases().forEach((alias, rules) -> {
            String at = field + ".aliases." + alias;
            checkAlias(alias, at).ifPresent(problems::add);
            if (rules == null) {
                problems.add(new FieldProblem(at, "must be an object"));
                return;
            }
            aliases.put(alias, normalize(rules, at, problems));
        });
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        return new PromotionPolicy(aliases);
    }

    /** Empty when the alias name is acceptable for setting; else the problem. */
    public static java.util.Optional<FieldProblem> checkAlias(String alias, String field) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            return java.util.Optional.of(new FieldProblem(field, "an alias is 1 to 64 of a-z, 0-9 and '-'"));
        }
        if (LATEST.equals(alias)) {
            return java.util.Optional.of(new FieldProblem(field,
                    "'latest' is reserved: it always resolves to the newest version"));
        }
        return java.util.Optional.empty();
    }

    private static AliasRules normalize(AliasRules rules, String at, List<FieldProblem> problems) {
        List<MetricGate> gates = rules.gates() == null ? List.of() : rules.gates();
        if (gates.size() > MAX_GATES) {
            problems.add(new FieldProblem(at + ".gates", "at most " + MAX_GATES + " gates"));
        }
        for (int i = 0; i < gates.size(); i++) {
            MetricGate gate = gates.get(i);
            String g = at + ".gates[" + i + "]";
            if (gate == null) {
                problems.add(new FieldProblem(g, "must be an object"));
                continue;
            }
            checkMetric(gate.metric(), g + ".metric", problems);
            if (gate.min() == null && gate.max() == null) {
                problems.add(new FieldProblem(g, "needs min, max or both"));
            }
            checkFinite(gate.min(), g + ".min", problems);
            checkFinite(gate.max(), g + ".max", problems);
            if (gate.min() != null && gate.max() != null && gate.min() > gate.max()) {
                problems.add(new FieldProblem(g + ".min", "is greater than max"));
            }
        }
        MustBeat mustBeat = rules.mustBeat();
        if (mustBeat != null) {
            String m = at + ".mustBeat";
            checkMetric(mustBeat.metric(), m + ".metric", problems);
            checkFinite(mustBeat.by(), m + ".by", problems);
            if (mustBeat.by() != null && mustBeat.by() < 0) {
                problems.add(new FieldProblem(m + ".by", "must be 0 or more"));
            }
            if (mustBeat.mode() != null && !mustBeat.mode().equals("max") && !mustBeat.mode().equals("min")) {
                problems.add(new FieldProblem(m + ".mode", "must be 'max' (higher is better) or 'min'"));
            }
            mustBeat = new MustBeat(mustBeat.metric(), mustBeat.by() == null ? 0.0 : mustBeat.by(),
                    mustBeat.mode() != null ? mustBeat.mode() : defaultMode(mustBeat.metric()));
        }
        Double gap = rules.maxSubgroupGap();
        checkFinite(gap, at + ".maxSubgroupGap", problems);
        if (gap != null && gap < 0) {
            problems.add(new FieldProblem(at + ".maxSubgroupGap", "must be 0 or more"));
        }
        if (gap != null && gates.isEmpty() && mustBeat == null) {
            problems.add(new FieldProblem(at + ".maxSubgroupGap",
                    "applies to the metrics named in gates and mustBeat: name at least one"));
        }
        return new AliasRules(List.copyOf(gates.stream().filter(java.util.Objects::nonNull).toList()), mustBeat,
                gap, Boolean.TRUE.equals(rules.requiresApproval()));
    }

    /** Lower is better for losses and errors; higher for everything else (accuracy, F1, AUC, R²). */
    static String defaultMode(String metric) {
        String m = metric == null ? "" : metric.toLowerCase(java.util.Locale.ROOT);
        return m.endsWith("loss") || m.endsWith("rmse") || m.endsWith("mae") || m.endsWith("error") ? "min" : "max";
    }

    private static void checkMetric(String metric, String field, List<FieldProblem> problems) {
        if (metric == null || metric.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (metric.length() > 250) {
            problems.add(new FieldProblem(field, "may have at most 250 characters"));
        }
    }

    private static void checkFinite(Double value, String field, List<FieldProblem> problems) {
        if (value != null && !Double.isFinite(value)) {
            problems.add(new FieldProblem(field, "must be a finite number"));
        }
    }
}
