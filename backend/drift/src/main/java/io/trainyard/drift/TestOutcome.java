package io.trainyard.drift;

/** A test's statistic and p-value (null for distances). */
record TestOutcome(double statistic, Double pValue) {
}
