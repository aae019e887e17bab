package io.trainyard.server.registry.pages;

import io.trainyard.client.model.PromotionPolicy;
import io.trainyard.client.model.PromotionPolicy.AliasRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One line per alias saying, in words, what its policy asks of a version. */
record PolicySummary(String alias, String rules, boolean requiresApproval) {

    static List<PolicySummary> of(PromotionPolicy policy) {
        List<PolicySummary> lines = new ArrayList<>();
        policy.aliases().forEach((alias, rules) -> lines.add(new PolicySummary(alias, describe(rules),
                Boolean.TRUE.equals(rules.requiresApproval()))));
        return lines;
    }

    private static String describe(AliasRules rules) {
        List<String> parts = new ArrayList<>();
        rules.gates().forEach(g -> {
            if (g.min() != null) {
                parts.add(g.metric() + " ≥ " + fmt(g.min()));
            }
            if (g.max() != null) {
                parts.add(g.metric() + " ≤ " + fmt(g.max()));
            }
        });
        if (rules.mustBeat() != null) {
            parts.add((rules.mustBeat().mode().equals("max") ? "higher " : "lower ") + rules.mustBeat().metric()
                    + " than the holder by " + fmt(rules.mustBeat().by()));
        }
        if (rules.maxSubgroupGap() != null) {
            parts.add("subgroup gap ≤ " + fmt(rules.maxSubgroupGap()));
        }
        if (Boolean.TRUE.equals(rules.requiresApproval())) {
            parts.add("an owner's approval");
        }
        return parts.isEmpty() ? "no rules" : String.join("; ", parts);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
