package io.trainyard.server.registry.models;

import io.trainyard.server.storage.BlobReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the blob janitor from deleting a bundle a model version pinned, even after its run's artifact was
 * replaced.
 */
@Component
class ModelBundleReferences implements BlobReferences {

    private final JdbcClient jdbc;

    ModelBundleReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean references(String sha256) {
        return jdbc.sql("select exists (select 1 from model_versions where bundle_sha256 = ?)").param(sha256)
                .query(Boolean.class).single();
    }
}
