package io.trainyard.client.model;

import java.util.List;
import java.util.Map;

/**
 * Statistics of the numeric values of a column (values that break the type are left out).
 *
 * @param mean      arithmetic mean
 * @param std       sample standard deviation (n - 1 in the denominator; 0 for a single value)
 * @param min       smallest value
 * @param max       largest value
 * @param quantiles keys {@code p1, p5, p25, p50, p75, p95, p99}; exact (linear interpolation between
 *                  order statistics) for up to 65,536 values, t-digest estimates beyond
 * @param deciles   p10, p20, …, p90 (9 values, same method as {@code quantiles}); with the quantiles,
 *                  min and max they are the stored summary of the distribution that drift (PSI)
 *                  between two versions is computed from
 * @param histogram 20 equal-width bins between min and max
 */
public record NumericSummary(double mean, double std, double min, double max, Map<String, Double> quantiles,
                             List<Double> deciles, Histogram histogram) {
}
