package io.trainyard.training.bundle;

import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.Column;
import io.trainyard.training.model.ModelSpec;
import io.trainyard.training.preprocess.LabelMapping;
import io.trainyard.training.preprocess.Preprocessor;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle.
 *
 * @param formatVersion bundle format, {@link ModelBundle#FORMAT_VERSION}
 * @param versions {@code trainyard-training}, {@code djl}, {@code engine}
 * @param inputSchema the feature columns, in the order {@link Predictor#predictRow(String[])} expects
 */
public record BundleManifest(int formatVersion, String createdAt, Map<String, String> versions, String task,
        ModelSpec architecture, Preprocessor preprocessor, LabelMapping labels, List<Column> inputSchema,
        TrainingConfig config, Map<String, Double> metrics) {
}
