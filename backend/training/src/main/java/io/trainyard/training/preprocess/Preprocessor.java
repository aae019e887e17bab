package io.trainyard.training.preprocess;

import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.TabularData;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fitted preprocessing (train split only), saved in the model bundle: turns feature cells (in
 * {@link #features()} order) into one float vector.
 */
public record Preprocessor(List<FeatureTransform> features) {

    public Preprocessor {
        features = List.copyOf(features);
    }

    public int outputWidth() {
        return features.stream().mapToInt(FeatureTransform::width).sum();
    }

    public List<String> featureNames() {
        return features.stream().map(FeatureTransform::name).toList();
    }

    /**
     * Encodes one row.
     *
     * @param cells one cell per feature, in feature order; null/blank = missing (imputed)
     * @param unknownCategories incremented for each categorical value not seen in training (may be null)
     */
    public float[] encode(String[] cells, AtomicLong unknownCategories) {
        float[] out = new float[outputWidth()];
        encodeInto(cells, out, 0, unknownCategories);
        return out;
    }

    public void encodeInto(String[] cells, float[] out, int offset, AtomicLong unknownCategories) {
        int o = offset;
        for (int f = 0; f < features.size(); f++) {
            FeatureTransform t = features.get(f);
            String cell = cells[f];
            if (t.type() == ColumnType.NUMERIC) {
                double x = parseOrNaN(cell);
                if (Double.isNaN(x)) {
                    x = t.fill();
                }
                out[o++] = (float) ((x - t.center()) / t.scale());
            } else {
                String v = TabularData.isMissing(cell) ? t.categoryFill() : cell.strip();
                int k = t.categories().indexOf(v);
                if (k < 0) {
                    k = t.categories().size();
                    if (unknownCategories != null) {
                        unknownCategories.incrementAndGet();
                    }
                }
                out[o + k] = 1f;
                o += t.width();
            }
        }
    }

    /** Parses a numeric cell; missing or unparseable cells are NaN (and then imputed). */
    public static double parseOrNaN(String cell) {
        if (TabularData.isMissing(cell)) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(cell.strip());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
