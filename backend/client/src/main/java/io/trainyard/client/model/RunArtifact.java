package io.trainyard.client.model;

import java.time.Instant;

/** A file stored with a run; {@code sha256} names its content in the blob store. */
public record RunArtifact(String path, long sizeBytes, String sha256, String mediaType, Instant createdAt) {
}
