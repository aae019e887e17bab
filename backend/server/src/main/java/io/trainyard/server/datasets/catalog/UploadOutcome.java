package io.trainyard.server.datasets.catalog;

import io.trainyard.client.model.DatasetVersion;

/** The version an upload resolved to; {@code created} is false when the same bytes existed already. */
public record UploadOutcome(DatasetVersion version, boolean created) {
}
