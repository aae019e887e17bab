package io.trainyard.training.preprocess;

import io.trainyard.training.config.PreprocessingConfig;
import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.TabularData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fits a {@link Preprocessor} on the train rows only. */
public final class PreprocessorFitter {
    private PreprocessorFitter() {
    }

    public static Preprocessor fit(PreprocessingConfig config, TabularData data, List<String> features,
            int[] trainRows) {
        List<FeatureTransform> out = new ArrayList<>();
        for (String name : features) {
            int c = data.indexOf(name);
            Column column = data.columns().get(c);
            out.add(column.type() == ColumnType.NUMERIC
                    ? fitNumeric(config, data, name, c, trainRows)
                    : fitCategorical(config, data, name, c, trainRows));
        }
        return new Preprocessor(out);
    }

    private static FeatureTransform fitNumeric(PreprocessingConfig config, TabularData data, String name, int c,
            int[] rows) {
        double[] present = Arrays.stream(rows).mapToDouble(r -> Preprocessor.parseOrNaN(data.cell(r, c)))
                .filter(d -> !Double.isNaN(d)).sorted().toArray();
        double fill = switch (config.numericImpute()) {
            case "mean" -> present.length == 0 ? 0 : Arrays.stream(present).average().orElse(0);
            case "constant" -> config.numericFill();
            default -> median(present);
        };
        double[] imputed = Arrays.stream(rows).mapToDouble(r -> {
            double d = Preprocessor.parseOrNaN(data.cell(r, c));
            return Double.isNaN(d) ? fill : d;
        }).toArray();
        double center = 0;
        double scale = 1;
        if ("standardize".equals(config.numeric())) {
            center = Arrays.stream(imputed).average().orElse(0);
            final double m = center;
            double var = Arrays.stream(imputed).map(x -> (x - m) * (x - m)).sum() / Math.max(1, imputed.length);
            scale = var > 0 ? Math.sqrt(var) : 1;
        } else if ("minmax".equals(config.numeric())) {
            double min = Arrays.stream(imputed).min().orElse(0);
            double max = Arrays.stream(imputed).max().orElse(1);
            center = min;
            scale = max > min ? max - min : 1;
        }
        return new FeatureTransform(name, ColumnType.NUMERIC, fill, center, scale, List.of(), null);
    }

    private static FeatureTransform fitCategorical(PreprocessingConfig config, TabularData data, String name, int c,
            int[] rows) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r : rows) {
            String v = data.cell(r, c);
            if (!TabularData.isMissing(v)) {
                counts.merge(v.strip(), 1, Integer::sum);
            }
        }
        String fill;
        if ("constant".equals(config.categoricalImpute())) {
            fill = config.categoricalFill();
        } else {
            // most frequent; ties broken by the smallest value (TreeMap order) for determinism
            fill = counts.entrySet().stream().max((a, b) -> a.getValue() != b.getValue().intValue()
                    ? Integer.compare(a.getValue(), b.getValue()) : b.getKey().compareTo(a.getKey()))
                    .map(Map.Entry::getKey).orElse(config.categoricalFill());
        }
        boolean anyMissing = Arrays.stream(rows).anyMatch(r -> TabularData.isMissing(data.cell(r, c)));
        if (anyMissing) {
            counts.merge(fill, 1, Integer::sum);
        }
        return new FeatureTransform(name, ColumnType.CATEGORICAL, 0, 0, 1, List.copyOf(counts.keySet()), fill);
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return 0;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
