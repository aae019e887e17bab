package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.DatasetVersion;
import io.trainyard.server.datasets.DatasetVersionRef;

/** A version found once: its reference (to open its content, to link it) and its REST view. */
public record LoadedVersion(DatasetVersionRef ref, DatasetVersion view) {
}
