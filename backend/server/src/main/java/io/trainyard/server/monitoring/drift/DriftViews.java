package io.trainyard.server.monitoring.drift;

import io.trainyard.client.model.DriftHistogram;
import io.trainyard.client.model.FeatureDrift;
import io.trainyard.drift.Histogram;
import java.util.Locale;

/** The engine's results as the API shows them. */
public final class DriftViews {

    private DriftViews() {
    }

    public static FeatureDrift view(io.trainyard.drift.FeatureDrift d) {
        if (d == null) {
            return null;
        }
        Histogram h = d.histogram();
        return new FeatureDrift(d.feature(), d.type().name().toLowerCase(Locale.ROOT), d.test(), finite(d.statistic()),
                finite(d.pValue()), d.threshold(), finite(d.psi()), d.drifted(), d.referenceCount(), d.currentCount(),
                d.referenceMissing(), d.currentMissing(), d.currentUnseen(), d.problem(),
                h == null ? null : new DriftHistogram(h.bins(), h.reference(), h.current()));
    }

    /** JSON has no NaN or infinity: such a value is shown as absent. */
    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
