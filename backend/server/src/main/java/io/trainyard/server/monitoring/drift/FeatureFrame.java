package io.trainyard.server.monitoring.drift;

import io.trainyard.client.model.SchemaProblem;
import io.trainyard.drift.CategoricalSamples;
import io.trainyard.drift.FeatureSamples;
import io.trainyard.drift.NumericSamples;
import io.trainyard.server.datasets.ColumnValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pairs each expected feature's reference and current values into the engine's samples; a feature the
 * current data lacks (or holds with another type) becomes a schema problem, never an exception.
 */
public final class FeatureFrame {

    private final List<FeatureSamples> samples = new ArrayList<>();
    private final List<SchemaProblem> problems = new ArrayList<>();

    /**
     * @param features  feature → true when numeric, in report order
     * @param reference the reference's columns by name
     * @param current   the current data's columns by name
     */
    public static FeatureFrame pair(Map<String, Boolean> features, Map<String, ColumnValues> reference,
                                    Map<String, ColumnValues> current) {
        FeatureFrame frame = new FeatureFrame();
        features.forEach((name, numeric) -> {
            ColumnValues ref = reference.get(name);
            ColumnValues cur = current.get(name);
            if (ref == null) {
                frame.problems.add(new SchemaProblem(name, "missing from the reference data"));
            } else if (cur == null) {
                frame.problems.add(new SchemaProblem(name, "missing from the current data"));
            } else if (ref.numeric() != cur.numeric()) {
                frame.problems.add(new SchemaProblem(name, "numeric on one side, categorical on the other"));
            } else if (numeric) {
                frame.samples.add(new NumericSamples(name, ref.numbers(), cur.numbers()));
            } else {
                frame.samples.add(new CategoricalSamples(name, ref.labels(), cur.labels()));
            }
        });
        return frame;
    }

    public List<FeatureSamples> samples() {
        return samples;
    }

    public List<SchemaProblem> problems() {
        return problems;
    }

    public void problem(String feature, String problem) {
        problems.add(new SchemaProblem(feature, problem));
    }
}
