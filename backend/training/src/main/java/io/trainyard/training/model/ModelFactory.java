package io.trainyard.training.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;

/**
 * Builds the DJL block for a {@link ModelSpec}. {@code linear}: one Linear layer (logits for logistic /
 * softmax regression, a value for linear regression). {@code mlp}: [Linear, (BatchNorm), activation,
 * (Dropout)] per hidden layer, then a Linear output layer.
 */
public final class ModelFactory {
    private ModelFactory() {
    }

    public static Block build(ModelSpec spec) {
        SequentialBlock block = new SequentialBlock();
        if (!"linear".equals(spec.template())) {
            for (int units : spec.hiddenLayers()) {
                block.add(Linear.builder().setUnits(units).build());
                if (spec.batchNorm()) {
                    block.add(BatchNorm.builder().build());
                }
                block.add(switch (spec.activation()) {
                    case "gelu" -> Activation.geluBlock();
                    case "tanh" -> Activation.tanhBlock();
                    default -> Activation.reluBlock();
                });
                if (spec.dropout() > 0) {
                    block.add(Dropout.builder().optRate((float) spec.dropout()).build());
                }
            }
        }
        block.add(Linear.builder().setUnits(spec.outputWidth()).build());
        return block;
    }
}
