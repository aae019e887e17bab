package io.trainyard.server.common;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code trainyard.*}. See docs/operations.md for the full reference.
 *
 * @param dataDir       where the embedded database, the blob store and first-start files live
 * @param adminPassword the first-start password of {@code admin} (env {@code TRAINYARD_ADMIN_PASSWORD});
 *                      when empty one is generated, logged once and written to the data dir
 * @param executor      the in-process executor pool
 */
@ConfigurationProperties("trainyard")
public record TrainyardProperties(
        @DefaultValue("./trainyard-data") Path dataDir,
        String adminPassword,
        @DefaultValue Executor executor) {

    /** @param embedded executors running as threads inside the server (the queue module starts them) */
    public record Executor(@DefaultValue Embedded embedded) {
    }

    /** @param workers how many jobs the in-process executor runs at once; 0 turns it off */
    public record Embedded(@DefaultValue("1") int workers) {
    }
}
