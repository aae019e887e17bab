package io.trainyard.training.model;

import io.trainyard.training.config.ModelConfig;
import java.util.List;

/**
 * The architecture, enough to rebuild the block from a bundle.
 *
 * @param template {@code linear} or {@code mlp}
 * @param inputWidth encoded feature width
 * @param outputWidth number of classes (classification, logits) or 1 (regression)
 */
public record ModelSpec(String template, int inputWidth, int outputWidth, List<Integer> hiddenLayers,
        String activation, double dropout, boolean batchNorm) {

    public static ModelSpec of(ModelConfig m, int inputWidth, int outputWidth) {
        boolean linear = "linear".equals(m.type());
        return new ModelSpec(m.type(), inputWidth, outputWidth, linear ? List.of() : m.hiddenLayers(),
                m.activation(), linear ? 0 : m.dropout(), !linear && m.batchNorm());
    }
}
