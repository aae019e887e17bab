package io.trainyard.drift;

/**
 * Jensen–Shannon distance between two count vectors over the same categories or bins:
 * sqrt(½ KL(p‖m) + ½ KL(q‖m)), m = (p + q)/2, natural log (scipy.spatial.distance.jensenshannon's
 * default, which Evidently calls), so it lies in [0, sqrt(ln 2) ≈ 0.833]. Empty bins need no smoothing:
 * 0·ln 0 = 0.
 */
final class JensenShannon {

    private JensenShannon() {
    }

    static double distance(long[] reference, long[] current) {
        double referenceTotal = PopulationStability.sum(reference);
        double currentTotal = PopulationStability.sum(current);
        double divergence = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = reference[i] / referenceTotal;
            double q = current[i] / currentTotal;
            double mid = (p + q) / 2;
            if (p > 0) {
                divergence += p * Math.log(p / mid);
            }
            if (q > 0) {
                divergence += q * Math.log(q / mid);
            }
        }
        return Math.sqrt(Math.max(0, divergence / 2)); // rounding can leave a tiny negative
    }
}
