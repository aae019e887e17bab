package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.Histogram;
import java.util.ArrayList;
import java.util.List;

/** A histogram drawn as SVG bars for the profile table's sparklines (server-side: no script, no styles). */
record HistogramBars(int width, int height, List<Bar> bars) {

    static final int WIDTH = 120;
    static final int HEIGHT = 24;

    record Bar(double x, double y, double width, double height, String title) {
    }

    static HistogramBars of(Histogram histogram) {
        if (histogram == null || histogram.counts() == null || histogram.counts().isEmpty()) {
            return null;
        }
        List<Long> counts = histogram.counts();
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(0);
        double barWidth = (double) WIDTH / counts.size();
        List<Bar> bars = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            double h = max == 0 ? 0 : Math.max(counts.get(i) > 0 ? 1 : 0, HEIGHT * counts.get(i) / (double) max);
            String title = String.format("%.4g – %.4g: %d", histogram.edges().get(i), histogram.edges().get(i + 1),
                    counts.get(i));
            bars.add(new Bar(i * barWidth, HEIGHT - h, Math.max(barWidth - 1, 1), h, title));
        }
        return new HistogramBars(WIDTH, HEIGHT, bars);
    }
}
