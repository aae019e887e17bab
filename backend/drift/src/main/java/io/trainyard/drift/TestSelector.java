package io.trainyard.drift;

/**
 * Picks a feature's test as Evidently does, unless the settings choose one (the feature's own choice,
 * else its type's):
 * <pre>
 *                          reference ≤ smallReferenceLimit   larger reference
 * numeric, > 5 distinct    KS (p &lt; 0.05)                   Wasserstein (≥ 0.1)
 * numeric, ≤ 5 distinct    chi-square (p &lt; 0.05)           Jensen–Shannon (≥ 0.1)
 * categorical              chi-square (p &lt; 0.05)           Jensen–Shannon (≥ 0.1)
 * </pre>
 * Reference size counts non-missing values; distinct values are counted over both samples.
 */
final class TestSelector {

    /** At most this many distinct values and a numeric feature is compared as categories. */
    static final int FEW_DISTINCT = 5;

    private TestSelector() {
    }

    record Selection(StatTest test, double threshold) {
    }

    /** {@code distinctValues} may be capped at FEW_DISTINCT + 1: only "more than 5" matters. */
    static Selection select(String feature, FeatureType type, long referenceSize, int distinctValues,
                            DriftSettings settings) {
        TestChoice choice = settings.choiceFor(feature, type);
        StatTest test = choice.test() != null ? choice.test() : automatic(type, referenceSize, distinctValues, settings);
        checkApplies(feature, type, test);
        return new Selection(test, choice.threshold() != null ? choice.threshold() : test.defaultThreshold());
    }

    static StatTest automatic(FeatureType type, long referenceSize, int distinctValues, DriftSettings settings) {
        boolean manyValues = type == FeatureType.NUMERIC && distinctValues > FEW_DISTINCT;
        if (referenceSize <= settings.smallReferenceLimit()) {
            return manyValues ? StatTest.KS : StatTest.CHI_SQUARE;
        }
        return manyValues ? StatTest.WASSERSTEIN : StatTest.JENSEN_SHANNON;
    }

    /** Rejects a chosen test that cannot apply, before any data is read. */
    static void checkChoice(String feature, FeatureType type, DriftSettings settings) {
        StatTest test = settings.choiceFor(feature, type).test();
        if (test != null) {
            checkApplies(feature, type, test);
        }
    }

    private static void checkApplies(String feature, FeatureType type, StatTest test) {
        if (!test.appliesTo(type)) {
            throw new IllegalArgumentException("feature \"" + feature + "\": test " + test.id()
                    + " does not apply to " + type.name().toLowerCase() + " features; allowed: "
                    + StatTest.ids(StatTest.CHI_SQUARE, StatTest.JENSEN_SHANNON, StatTest.PSI));
        }
    }
}
