package io.trainyard.drift;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The drift tests, with Evidently's ids and default thresholds. A p-value test flags drift when
 * {@code pValue < threshold}; a distance flags it when {@code statistic >= threshold}.
 */
public enum StatTest {
    KS("ks", 0.05, true),
    CHI_SQUARE("chisquare", 0.05, true),
    WASSERSTEIN("wasserstein", 0.1, false),
    JENSEN_SHANNON("jensenshannon", 0.1, false),
    PSI("psi", 0.1, false);

    private final String id;
    private final double defaultThreshold;
    private final boolean usesPValue;

    StatTest(String id, double defaultThreshold, boolean usesPValue) {
        this.id = id;
        this.defaultThreshold = defaultThreshold;
        this.usesPValue = usesPValue;
    }

    public String id() {
        return id;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** True: drift when {@code pValue < threshold}; false: drift when {@code statistic >= threshold}. */
    public boolean usesPValue() {
        return usesPValue;
    }

    /** KS and Wasserstein need ordered values; the others compare shares of categories or bins. */
    public boolean appliesTo(FeatureType type) {
        return type == FeatureType.NUMERIC || (this != KS && this != WASSERSTEIN);
    }

    /** Whether a result with this statistic and p-value (null for distances) is drift at this threshold. */
    public boolean drifted(double statistic, Double pValue, double threshold) {
        return usesPValue ? pValue < threshold : statistic >= threshold;
    }

    /** The test with this id, ignoring case; the exception's message lists the allowed ids. */
    public static StatTest fromId(String id) {
        for (StatTest test : values()) {
            if (test.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return test;
            }
        }
        throw new IllegalArgumentException("unknown drift test \"" + id + "\"; allowed: " + ids(values()));
    }

    static String ids(StatTest... tests) {
        return Arrays.stream(tests).map(StatTest::id).collect(Collectors.joining(", "));
    }
}
