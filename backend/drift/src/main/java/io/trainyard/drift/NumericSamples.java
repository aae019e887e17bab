package io.trainyard.drift;

import java.util.Objects;

/**
 * A numeric feature's samples. NaN and ±∞ are missing values (Evidently drops infinities too).
 *
 * <p><b>The engine sorts both arrays in place</b> (one sort each, no copies, so memory stays at what
 * the caller already holds); do not rely on their order afterwards, and do not hand the same array to
 * two features evaluated at the same time.
 */
public record NumericSamples(String name, double[] reference, double[] current) implements FeatureSamples {

    public NumericSamples {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reference, () -> "reference of " + name);
        Objects.requireNonNull(current, () -> "current of " + name);
    }
}
