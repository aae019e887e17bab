package io.trainyard.drift;

import java.util.Objects;

/** A categorical feature's samples; null is a missing value. The arrays are only read. */
public record CategoricalSamples(String name, String[] reference, String[] current) implements FeatureSamples {

    public CategoricalSamples {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reference, () -> "reference of " + name);
        Objects.requireNonNull(current, () -> "current of " + name);
    }
}
