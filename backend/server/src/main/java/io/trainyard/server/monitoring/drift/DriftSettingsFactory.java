package io.trainyard.server.monitoring.drift;

import io.trainyard.client.model.DriftThresholds;
import io.trainyard.client.model.FeatureTest;
import io.trainyard.drift.DriftSettings;
import io.trainyard.drift.FeatureType;
import io.trainyard.drift.StatTest;
import io.trainyard.drift.TestChoice;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.ApiException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the API's optional thresholds into the engine's settings, refusing bad values with the field named. */
public final class DriftSettingsFactory {

    public static final int DEFAULT_MIN_ROWS = 100;
    public static final int DEFAULT_MIN_LABELS = 30;

    private DriftSettingsFactory() {
    }

    /** @param field the request's name for the thresholds object, e.g. {@code thresholds} */
    public static DriftSettings settings(DriftThresholds thresholds, String field) {
        List<FieldProblem> problems = validate(thresholds, field);
        if (!problems.isEmpty()) {
            throw new ApiException.BadRequest(problems);
        }
        DriftSettings settings = DriftSettings.defaults();
        if (thresholds == null) {
            return settings;
        }
        if (thresholds.driftShare() != null) {
            settings = settings.withDriftShare(thresholds.driftShare());
        }
        if (thresholds.psiBins() != null) {
            settings = settings.withPsiBins(thresholds.psiBins());
        }
        if (thresholds.numeric() != null) {
            settings = settings.withNumeric(choice(thresholds.numeric()));
        }
        if (thresholds.categorical() != null) {
            settings = settings.withCategorical(choice(thresholds.categorical()));
        }
        if (thresholds.features() != null && !thresholds.features().isEmpty()) {
            Map<String, TestChoice> features = new LinkedHashMap<>();
            thresholds.features().forEach((name, test) -> features.put(name, choice(test)));
            settings = settings.withFeatures(features);
        }
        return settings;
    }

    /** Every problem at once, each naming its field under {@code field}. */
    public static List<FieldProblem> validate(DriftThresholds t, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (t == null) {
            return problems;
        }
        if (t.driftShare() != null && !(t.driftShare() > 0 && t.driftShare() <= 1)) {
            problems.add(new FieldProblem(field + ".driftShare", "must be above 0 and at most 1"));
        }
        if (t.psiBins() != null && (t.psiBins() < 2 || t.psiBins() > 100)) {
            problems.add(new FieldProblem(field + ".psiBins", "must be between 2 and 100"));
        }
        if (t.minRows() != null && (t.minRows() < 1 || t.minRows() > 1_000_000)) {
            problems.add(new FieldProblem(field + ".minRows", "must be between 1 and 1000000"));
        }
        if (t.minLabels() != null && (t.minLabels() < 1 || t.minLabels() > 1_000_000)) {
            problems.add(new FieldProblem(field + ".minLabels", "must be between 1 and 1000000"));
        }
        share(problems, field + ".minAccuracy", t.minAccuracy());
        share(problems, field + ".minF1", t.minF1());
        if (t.maxRmse() != null && !(t.maxRmse() > 0 && Double.isFinite(t.maxRmse()))) {
            problems.add(new FieldProblem(field + ".maxRmse", "must be a positive number"));
        }
        test(problems, field + ".numeric", t.numeric(), FeatureType.NUMERIC);
        test(problems, field + ".categorical", t.categorical(), FeatureType.CATEGORICAL);
        if (t.features() != null) {
            // a feature's type is known only when its data is read: the engine refuses a test that cannot apply
            t.features().forEach((name, test) -> test(problems, field + ".features." + name, test, null));
        }
        return problems;
    }

    private static void share(List<FieldProblem> problems, String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            problems.add(new FieldProblem(field, "must be between 0 and 1"));
        }
    }

    private static void test(List<FieldProblem> problems, String field, FeatureTest test, FeatureType type) {
        if (test == null) {
            return;
        }
        StatTest stat = null;
        if (test.test() != null) {
            try {
                stat = StatTest.fromId(test.test());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(field + ".test", e.getMessage()));
            }
            if (stat != null && type != null && !stat.appliesTo(type)) {
                problems.add(new FieldProblem(field + ".test", "'" + stat.id() + "' does not apply to "
                        + type.name().toLowerCase(java.util.Locale.ROOT) + " features"));
            }
        }
        Double threshold = test.threshold();
        if (threshold != null) {
            boolean pValue = stat != null && stat.usesPValue();
            if (!Double.isFinite(threshold) || threshold <= 0 || (pValue && threshold >= 1)) {
                problems.add(new FieldProblem(field + ".threshold",
                        pValue ? "must be a p-value above 0 and below 1" : "must be a positive number"));
            }
        }
    }

    private static TestChoice choice(FeatureTest test) {
        return new TestChoice(test.test() == null ? null : StatTest.fromId(test.test()), test.threshold());
    }

    public static int minRows(DriftThresholds t) {
        return t == null || t.minRows() == null ? DEFAULT_MIN_ROWS : t.minRows();
    }

    public static int minLabels(DriftThresholds t) {
        return t == null || t.minLabels() == null ? DEFAULT_MIN_LABELS : t.minLabels();
    }
}
