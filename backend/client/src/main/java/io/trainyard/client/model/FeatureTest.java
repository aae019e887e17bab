package io.trainyard.client.model;

/** A drift test by id ({@code ks}, {@code chisquare}, {@code wasserstein}, {@code jensenshannon}, {@code psi}), and its threshold. */
public record FeatureTest(String test, Double threshold) {
}
