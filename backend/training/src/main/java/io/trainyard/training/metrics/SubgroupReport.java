package io.trainyard.training.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-group test metrics for a column and, per metric, the largest gap (max - min) between groups with at
 * least {@code minGroupSize} rows.
 */
public record SubgroupReport(String column, int minGroupSize, List<GroupMetrics> groups,
        Map<String, Double> largestGap) {

    public static SubgroupReport of(String column, int minGroupSize, List<GroupMetrics> groups) {
        Map<String, Double> gap = new LinkedHashMap<>();
        Map<String, double[]> range = new LinkedHashMap<>();
        for (GroupMetrics g : groups) {
            if (g.rows() < minGroupSize) {
                continue;
            }
            g.metrics().forEach((k, v) -> {
                if (!Double.isNaN(v)) {
                    double[] r = range.computeIfAbsent(k, x -> new double[] {v, v});
                    r[0] = Math.min(r[0], v);
                    r[1] = Math.max(r[1], v);
                }
            });
        }
        range.forEach((k, r) -> gap.put(k, r[1] - r[0]));
        return new SubgroupReport(column, minGroupSize, List.copyOf(groups), gap);
    }
}
