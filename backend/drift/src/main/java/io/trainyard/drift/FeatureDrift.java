package io.trainyard.drift;

/**
 * One feature's drift result.
 *
 * @param test             the test's id ({@link StatTest#id()})
 * @param threshold        the threshold applied: drift when pValue &lt; threshold (p-value tests) or
 *                         statistic ≥ threshold (distances)
 * @param statistic        the test's statistic (KS D, χ², normalised Wasserstein, JS distance or PSI);
 *                         null when not tested. Normalised Wasserstein is +∞ when the reference is
 *                         constant and the current sample is not that same constant
 * @param pValue           KS and chi-square only, else null
 * @param psi              the population stability index, whatever the test; null when not tested
 * @param referenceCount   non-missing reference values (the ones compared)
 * @param referenceMissing missing reference values (null, NaN, ±∞); referenceCount + referenceMissing
 *                         is the sample's length
 * @param currentUnseen    categorical: current values whose category never occurs in the reference;
 *                         0 for numeric features
 * @param problem          null, or why the feature was not tested ("not enough data"): then drifted is
 *                         false and the feature does not count in the report's tested features
 * @param histogram        both samples' shares per bin; null when both samples are empty
 */
public record FeatureDrift(String feature, FeatureType type, String test, double threshold,
                           Double statistic, Double pValue, Double psi, boolean drifted,
                           long referenceCount, long currentCount, long referenceMissing, long currentMissing,
                           long currentUnseen,
                           String problem,
                           Histogram histogram) {

    /** The problem of a feature with a side that has no non-missing value (or too few for its test). */
    public static final String NOT_ENOUGH_DATA = "not enough data";
}
