package io.trainyard.server.serving.predict;

import io.trainyard.training.bundle.Predictor;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.preprocess.FeatureTransform;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A loaded predictor with what input checks need: each feature's type and known categories. */
record LoadedModel(Predictor predictor, List<Feature> features) {

    record Feature(String name, boolean numeric, Set<String> categories) {
    }

    static LoadedModel of(Predictor predictor) {
        List<Feature> features = predictor.manifest().preprocessor().features().stream()
                .map(LoadedModel::feature).toList();
        return new LoadedModel(predictor, features);
    }

    private static Feature feature(FeatureTransform t) {
        boolean numeric = t.type() == ColumnType.NUMERIC;
        return new Feature(t.name(), numeric, numeric ? Set.of() : new HashSet<>(t.categories()));
    }
}
