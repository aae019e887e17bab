package io.trainyard.drift;

/**
 * Which test to run and at which threshold. {@code test} null = the automatic choice; {@code threshold}
 * null = the chosen test's default. A threshold with an automatic test applies to whichever test is
 * chosen, p-value test or distance (as Evidently's per-column threshold does). A threshold must be a
 * positive number, and below 1 for a p-value test.
 */
public record TestChoice(StatTest test, Double threshold) {

    public TestChoice {
        if (threshold != null) {
            if (!Double.isFinite(threshold) || threshold <= 0) {
                throw new IllegalArgumentException("threshold must be a positive number, was " + threshold);
            }
            if (test != null && test.usesPValue() && threshold >= 1) {
                throw new IllegalArgumentException("threshold must be below 1 for the p-value test " + test.id()
                        + ", was " + threshold);
            }
        }
    }

    /** The automatic choice at default thresholds. */
    public static TestChoice automatic() {
        return new TestChoice(null, null);
    }

    /** This test at its default threshold. */
    public static TestChoice of(StatTest test) {
        return new TestChoice(test, null);
    }

    /** This test at this threshold. */
    public static TestChoice of(StatTest test, double threshold) {
        return new TestChoice(test, threshold);
    }
}
