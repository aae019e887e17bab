package io.trainyard.client.model;

import java.util.List;
import java.util.Map;

/**
 * A registered model's promotion rules, per alias. An alias without rules can be set by any editor.
 *
 * @param aliases the rules per alias name
 */
public record PromotionPolicy(Map<String, AliasRules> aliases) {

    /**
     * What a version must show to take an alias.
     *
     * @param gates            metric thresholds (the version's registered metrics)
     * @param mustBeat         the version must beat the alias's current holder on a metric by a margin
     * @param maxSubgroupGap   the largest gap between subgroups allowed on every metric named in gates and
     *                         mustBeat (from the run's subgroup evaluation)
     * @param requiresApproval a project owner other than the requester must approve the change
     */
    public record AliasRules(List<MetricGate> gates, MustBeat mustBeat, Double maxSubgroupGap,
                             Boolean requiresApproval) {
    }

    /** {@code min} and/or {@code max}, both inclusive. */
    public record MetricGate(String metric, Double min, Double max) {
    }

    /**
     * @param by   the margin, 0 or more
     * @param mode {@code max} (higher is better) or {@code min}; when absent, {@code min} for names ending
     *             in loss, rmse, mae or error, else {@code max}
     */
    public record MustBeat(String metric, Double by, String mode) {
    }
}
