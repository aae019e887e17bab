package io.trainyard.training.bundle;

import java.util.List;

/** A row passed to {@link Predictor} lacks feature columns the model needs. */
public class MissingFeaturesException extends IllegalArgumentException {
    private final List<String> missing;

    public MissingFeaturesException(List<String> missing) {
        super("missing feature(s): " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
