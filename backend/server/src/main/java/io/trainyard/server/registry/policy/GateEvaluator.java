package io.trainyard.server.registry.policy;

import io.trainyard.client.model.GateResult;
import io.trainyard.client.model.PromotionPolicy.AliasRules;
import io.trainyard.client.model.PromotionPolicy.MetricGate;
import io.trainyard.client.model.PromotionPolicy.MustBeat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a version against an alias's rules. Every rule is evaluated (not only up to the first failure), so
 * the answer lists what to fix. A metric the version does not have fails its rule; NaN fails every rule.
 */
public final class GateEvaluator {

    /** What the rules look at: the version's registered metrics and subgroup gaps. */
    public record Candidate(int version, Map<String, Double> metrics, Map<String, Double> subgroupGaps) {
    }

    private GateEvaluator() {
    }

    /** {@code holder} is the alias's current holder, if any (mustBeat passes when there is none). */
    public static List<GateResult> evaluate(AliasRules rules, Candidate candidate, Optional<Candidate> holder) {
        List<GateResult> results = new ArrayList<>();
        for (MetricGate gate : rules.gates()) {
            Double actual = candidate.metrics().get(gate.metric());
            if (gate.min() != null) {
                results.add(threshold("min", gate.metric(), gate.min(), actual, actual != null && actual >= gate.min()));
            }
            if (gate.max() != null) {
                results.add(threshold("max", gate.metric(), gate.max(), actual, actual != null && actual <= gate.max()));
            }
        }
        if (rules.mustBeat() != null) {
            results.add(mustBeat(rules.mustBeat(), candidate, holder));
        }
        if (rules.maxSubgroupGap() != null) {
            results.addAll(subgroupGaps(rules, candidate));
        }
        return results;
    }

    public static boolean allPassed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }

    private static GateResult threshold(String kind, String metric, double limit, Double actual, boolean passed) {
        String detail = actual == null ? "the version has no metric '" + metric + "'"
                : String.format(Locale.ROOT, "%s = %s, %s %s", metric, fmt(actual), kind.equals("min") ? "≥" : "≤",
                        fmt(limit));
        return new GateResult(kind, metric, limit, finiteOrNull(actual), passed && !Double.isNaN(actual), detail);
    }

    private static GateResult mustBeat(MustBeat rule, Candidate candidate, Optional<Candidate> holder) {
        Double actual = candidate.metrics().get(rule.metric());
        if (holder.isEmpty()) {
            return new GateResult("mustBeat", rule.metric(), null, finiteOrNull(actual), true,
                    "no version holds the alias yet");
        }
        Candidate current = holder.get();
        Double held = current.metrics().get(rule.metric());
        if (actual == null || held == null || actual.isNaN() || held.isNaN()) {
            return new GateResult("mustBeat", rule.metric(), null, finiteOrNull(actual), false,
                    (actual == null || actual.isNaN() ? "this version" : "version " + current.version())
                            + " has no value of '" + rule.metric() + "' to compare");
        }
        boolean higherIsBetter = "max".equals(rule.mode());
        double needed = higherIsBetter ? held + rule.by() : held - rule.by();
        // a margin of 0 asks for at least as good; the tolerance keeps 0.80 + 0.02 from missing 0.82 by rounding
        double tolerance = 1e-9 * Math.max(1, Math.abs(needed));
        boolean passed = higherIsBetter ? actual >= needed - tolerance : actual <= needed + tolerance;
        return new GateResult("mustBeat", rule.metric(), needed, actual, passed, String.format(Locale.ROOT,
                "%s = %s, must be %s %s (version %d has %s, margin %s)", rule.metric(), fmt(actual),
                higherIsBetter ? "≥" : "≤", fmt(needed), current.version(), fmt(held), fmt(rule.by())));
    }

    private static List<GateResult> subgroupGaps(AliasRules rules, Candidate candidate) {
        Set<String> metrics = new LinkedHashSet<>();
        rules.gates().forEach(g -> metrics.add(g.metric()));
        if (rules.mustBeat() != null) {
            metrics.add(rules.mustBeat().metric());
        }
        double limit = rules.maxSubgroupGap();
        List<GateResult> results = new ArrayList<>();
        for (String metric : metrics) {
            if (candidate.subgroupGaps() == null) {
                results.add(new GateResult("maxSubgroupGap", metric, limit, null, false,
                        "the run has no subgroup evaluation (train with evaluation.groupBy)"));
                continue;
            }
            Double gap = candidate.subgroupGaps().get(metric);
            results.add(new GateResult("maxSubgroupGap", metric, limit, finiteOrNull(gap),
                    gap != null && !gap.isNaN() && gap <= limit,
                    gap == null ? "the subgroup evaluation has no '" + metric + "'"
                            : String.format(Locale.ROOT, "largest gap between subgroups in %s = %s, ≤ %s", metric,
                            fmt(gap), fmt(limit))));
        }
        return results;
    }

    private static Double finiteOrNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
