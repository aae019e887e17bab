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

    /**
     * @param workers how many in-process executors run (one job each); 0 turns them off
     * @param gpus    what they advertise: a number, or {@code auto} (loads DJL's engine at start-up)
     * @param labels  the labels they advertise
     */
    public record Embedded(@DefaultValue("1") int workers, @DefaultValue("0") String gpus,
                           @DefaultValue java.util.List<String> labels) {
    }
}
