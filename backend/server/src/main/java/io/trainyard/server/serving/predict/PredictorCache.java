package io.trainyard.server.serving.predict;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.trainyard.server.serving.ServingProperties;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.training.bundle.ModelBundle;
import io.trainyard.training.bundle.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Loaded predictors keyed by the bundle's hash: a version is loaded once, and an alias that moves to another
 * version simply asks for another key. Least recently used predictors beyond the configured count are closed.
 */
@Component
class PredictorCache implements DisposableBean {

    private final BlobStore blobs;
    private final Cache<String, LoadedModel> cache;

    PredictorCache(BlobStore blobs, ServingProperties properties) {
        this.blobs = blobs;
        this.cache = Caffeine.newBuilder().maximumSize(properties.cachedModels())
                .removalListener((String key, LoadedModel model, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
                    if (model != null) {
                        model.predictor().close();
                    }
                })
                .build();
    }

    LoadedModel get(String bundleSha256) {
        return cache.get(bundleSha256, this::load);
    }

    /** Drops a predictor that was closed under a caller (evicted while in use), so the next get reloads it. */
    void forget(String bundleSha256, LoadedModel model) {
        cache.asMap().remove(bundleSha256, model);
    }

    private LoadedModel load(String sha256) {
        try (InputStream in = blobs.open(sha256)) {
            return LoadedModel.of(Predictor.of(ModelBundle.read(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model bundle " + sha256, e);
        }
    }

    @Override
    public void destroy() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
