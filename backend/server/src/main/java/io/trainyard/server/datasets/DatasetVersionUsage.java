package io.trainyard.server.datasets;

import java.time.Instant;

/** Something that used a dataset version (a training run), for the version page's lineage list. */
public record DatasetVersionUsage(String kind, String label, String link, Instant at) {
}
