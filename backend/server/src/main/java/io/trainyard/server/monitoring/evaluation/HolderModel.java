package io.trainyard.server.monitoring.evaluation;

import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.training.bundle.BundleManifest;
import io.trainyard.training.bundle.ModelBundle;
import io.trainyard.training.bundle.Predictor;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alias holder's bundle for one evaluation: its input schema (which features, numeric or not), its
 * training config (target, split) and, only when output drift needs it, a predictor, closed afterwards.
 */
final class HolderModel implements AutoCloseable {

    private final ServableVersion version;
    private final ModelBundle bundle;
    private Predictor predictor;

    private HolderModel(ServableVersion version, ModelBundle bundle) {
        this.version = version;
        this.bundle = bundle;
    }

    static HolderModel load(BlobStore blobs, ServableVersion version) {
        try (InputStream in = blobs.open(version.bundleSha256())) {
            return new HolderModel(version, ModelBundle.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model bundle of version " + version.version(), e);
        }
    }

    ServableVersion version() {
        return version;
    }

    BundleManifest manifest() {
        return bundle.manifest();
    }

    TrainingConfig config() {
        return bundle.manifest().config().withDefaults();
    }

    boolean classification() {
        return config().isClassification();
    }

    /** The model's input features in schema order, each true when numeric. */
    Map<String, Boolean> features() {
        Map<String, Boolean> features = new LinkedHashMap<>();
        for (Column column : bundle.manifest().inputSchema()) {
            features.put(column.name(), column.type() == ColumnType.NUMERIC);
        }
        return features;
    }

    Predictor predictor() {
        if (predictor == null) {
            try {
                predictor = Predictor.of(bundle);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return predictor;
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
        }
    }
}
