package io.trainyard.drift;

/** One feature's two samples: the reference (e.g. the training data) and the current one (e.g. serving). */
public sealed interface FeatureSamples permits NumericSamples, CategoricalSamples {

    String name();
}
