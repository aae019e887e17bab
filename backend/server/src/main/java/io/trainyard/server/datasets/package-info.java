/**
 * Datasets and their immutable, content-addressed versions: upload, schema inference, profile, quality
 * report, diff between versions, deterministic splits for training, and the link to the runs that used a
 * version. Other modules use {@link io.trainyard.server.datasets.DatasetVersions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Datasets")
package io.trainyard.server.datasets;
