package io.trainyard.server.monitoring.pages;

import io.trainyard.client.model.DriftHistogram;
import java.util.ArrayList;
import java.util.List;

/** A drift histogram as bar heights for the overlay: percentages of the tallest bar on either side. */
record HistogramBars(String bin, double referenceShare, double currentShare, double referenceHeight,
                     double currentHeight) {

    static List<HistogramBars> of(DriftHistogram histogram) {
        if (histogram == null) {
            return List.of();
        }
        double max = 1e-12;
        for (int i = 0; i < histogram.bins().size(); i++) {
            max = Math.max(max, Math.max(histogram.reference()[i], histogram.current()[i]));
        }
        List<HistogramBars> bars = new ArrayList<>();
        for (int i = 0; i < histogram.bins().size(); i++) {
            double r = histogram.reference()[i];
            double c = histogram.current()[i];
            bars.add(new HistogramBars(histogram.bins().get(i), r, c, 100 * r / max, 100 * c / max));
        }
        return bars;
    }
}
