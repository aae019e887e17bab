package io.trainyard.training.config;

/**
 * Preprocessing, fitted on the train split only.
 *
 * @param numeric {@code standardize} (default), {@code minmax} or {@code none}
 * @param categorical {@code one-hot} (default; with an "unknown" bucket)
 * @param missing {@code impute} (default) or {@code drop} (drop train rows with a missing feature; still
 *     imputed at prediction time)
 * @param numericImpute {@code median} (default), {@code mean} or {@code constant}
 * @param categoricalImpute {@code most_frequent} (default) or {@code constant}
 * @param numericFill the constant for {@code numericImpute=constant} (default 0)
 * @param categoricalFill the constant for {@code categoricalImpute=constant} (default {@code "missing"})
 * @param dropDuplicates drop exact duplicate train rows (features and target), default false
 */
public record PreprocessingConfig(String numeric, String categorical, String missing, String numericImpute,
        String categoricalImpute, Double numericFill, String categoricalFill, Boolean dropDuplicates) {

    public static PreprocessingConfig defaults() {
        return new PreprocessingConfig(null, null, null, null, null, null, null, null).withDefaults();
    }

    public PreprocessingConfig withDefaults() {
        return new PreprocessingConfig(or(numeric, "standardize"), or(categorical, "one-hot"), or(missing, "impute"),
                or(numericImpute, "median"), or(categoricalImpute, "most_frequent"), or(numericFill, 0.0),
                or(categoricalFill, "missing"), or(dropDuplicates, false));
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
