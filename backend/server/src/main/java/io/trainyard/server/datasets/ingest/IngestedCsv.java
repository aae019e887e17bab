package io.trainyard.server.datasets.ingest;

import io.trainyard.server.datasets.profile.ProfileResult;
import io.trainyard.server.storage.StoredBlob;

/** What an upload became: the stored bytes, its stored row hashes, and its profile. */
public record IngestedCsv(StoredBlob content, StoredBlob rowHashes, ProfileResult profile) {
}
