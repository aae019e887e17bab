/**
 * The blob store: immutable files (dataset files, model artifacts, checkpoints) kept under the sha256 of their
 * content, on the local filesystem ({@code trainyard.storage.type=filesystem}, the default) or in an
 * S3-compatible bucket ({@code s3}). Other modules use {@link io.trainyard.server.storage.BlobStore} and keep
 * the hash and size ({@link io.trainyard.server.storage.StoredBlob}) in their own rows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Storage")
package io.trainyard.server.storage;
