package io.trainyard.drift;

import java.util.List;

/**
 * Shares of non-missing values per bin, for the UI's overlay of the two samples.
 *
 * <p>Numeric: {@code edges} holds bins + 1 finite edges, equal width over the combined range of both
 * samples (so the overlay is readable whatever the reference's quantiles); bin k is
 * [edges[k], edges[k+1]), the last one closed; labels like "[1.50, 2.00)". When every value is the
 * same there is one bin [v, v]. Categorical: {@code edges} is null and there is one bin per category,
 * most frequent first; beyond {@link #MAX_CATEGORIES} categories the rarest share one last bin labelled
 * "(N other categories)".
 */
public record Histogram(List<String> bins, double[] edges, double[] reference, double[] current) {

    /** The most categories drawn one by one; an ID-like column would otherwise send one bar per row. */
    public static final int MAX_CATEGORIES = 50;

    public Histogram {
        bins = List.copyOf(bins);
    }
}
