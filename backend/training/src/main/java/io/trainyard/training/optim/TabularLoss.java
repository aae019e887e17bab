package io.trainyard.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The training objective. Classification: softmax cross-entropy on logits, each row weighted by its class
 * weight (1 without class weights), averaged over rows. Regression: mean squared error on the standardized
 * target. Labels are a float array: the class index, or the standardized value.
 */
public final class TabularLoss extends Loss {
    private final float[] classWeights;

    /** @param classWeights per-class weights, or null for regression */
    public TabularLoss(float[] classWeights) {
        super(classWeights == null ? "mse" : "cross_entropy");
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow();
        if (classWeights == null) {
            return pred.reshape(-1).sub(label.reshape(-1)).square().mean();
        }
        NDArray idx = label.reshape(-1, 1).toType(ai.djl.ndarray.types.DataType.INT64, false);
        NDArray nll = pred.logSoftmax(-1).gather(idx, 1).reshape(-1).neg();
        NDArray w = pred.getManager().create(classWeights).gather(idx.reshape(-1), 0);
        return nll.mul(w).mean();
    }
}
