package io.trainyard.drift;

/** How a feature's values are compared: as ordered numbers or as unordered labels. */
public enum FeatureType {
    NUMERIC,
    CATEGORICAL
}
