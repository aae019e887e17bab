package io.trainyard.training.preprocess;

import io.trainyard.training.data.ColumnType;
import java.util.List;

/**
 * The fitted transform of one feature column. Numeric: {@code (impute(x) - center) / scale}, one output.
 * Categorical: one-hot over {@code categories} plus a last "unknown" bucket, {@code categories.size() + 1}
 * outputs; a missing value is imputed with {@code categoryFill} first.
 */
public record FeatureTransform(String name, ColumnType type, double fill, double center, double scale,
        List<String> categories, String categoryFill) {

    public int width() {
        return type == ColumnType.NUMERIC ? 1 : categories.size() + 1;
    }
}
