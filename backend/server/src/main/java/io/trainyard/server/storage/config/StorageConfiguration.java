package io.trainyard.server.storage.config;

import io.trainyard.server.common.TrainyardProperties;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.filesystem.FilesystemBlobStore;
import io.trainyard.server.storage.s3.S3BlobStore;
import io.trainyard.server.storage.s3.S3Clients;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link BlobStore}, of the kind {@code trainyard.storage.type} names. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    BlobStore blobStore(StorageProperties storage, TrainyardProperties trainyard) throws IOException {
        Path blobs = trainyard.dataDir().resolve("blobs");
        return switch (storage.type()) {
            case FILESYSTEM -> filesystem(blobs);
            case S3 -> s3(storage.s3(), blobs.resolve("tmp"));
        };
    }

    private static BlobStore filesystem(Path blobs) throws IOException {
        FilesystemBlobStore store = new FilesystemBlobStore(blobs);
        log.info("Blob store: filesystem under {}", store.root());
        return store;
    }

    private static BlobStore s3(StorageProperties.S3 s3, Path spoolDirectory) throws IOException {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("trainyard.storage.type=s3 needs trainyard.storage.s3.bucket");
        }
        log.info("Blob store: S3 bucket {} at {} (key prefix '{}')", s3.bucket(),
                s3.endpoint() == null ? "AWS " + s3.region() : s3.endpoint(), s3.keyPrefix());
        return new S3BlobStore(S3Clients.create(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(),
                s3.pathStyle()), s3.bucket(), s3.keyPrefix(), spoolDirectory);
    }
}
