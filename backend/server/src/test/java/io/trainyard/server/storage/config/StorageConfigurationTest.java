package io.trainyard.server.storage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.common.TrainyardProperties;
import io.trainyard.server.storage.BlobStore;
import io.trainyard.server.storage.StoredBlob;
import io.trainyard.server.storage.filesystem.FilesystemBlobStore;
import io.trainyard.server.storage.s3.S3BlobStore;
import io.trainyard.server.support.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code trainyard.storage.type} picks the one store; its settings bind from the usual property names. */
class StorageConfigurationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, StorageConfiguration.class)
                .withPropertyValues("trainyard.data-dir=" + dataDir);
    }

    @Test
    void theFilesystemStoreUnderTheDataDirectoryIsTheDefault() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(BlobStore.class);
            assertThat(context.getBean(BlobStore.class)).isInstanceOfSatisfying(FilesystemBlobStore.class,
                    store -> assertThat(store.root()).isEqualTo(dataDir.resolve("blobs").toAbsolutePath()));
        });
    }

    @Test
    void typeS3UsesTheConfiguredBucket() throws Exception {
        try (S3TestServer server = S3TestServer.start()) {
            server.createBucket("trainyard");
            runner().withPropertyValues(
                    "trainyard.storage.type=s3",
                    "trainyard.storage.s3.endpoint=" + server.endpoint(),
                    "trainyard.storage.s3.bucket=trainyard",
                    "trainyard.storage.s3.access-key=" + S3TestServer.ACCESS_KEY,
                    "trainyard.storage.s3.secret-key=" + S3TestServer.SECRET_KEY,
                    "trainyard.storage.s3.prefix=/site-a/").run(context -> {
                BlobStore store = context.getBean(BlobStore.class);
                assertThat(store).isInstanceOf(S3BlobStore.class);

                StoredBlob blob = store.put(new ByteArrayInputStream(new byte[] {42}), 1);

                assertThat(server.keys("trainyard")).containsExactly("site-a/blobs/" + blob.sha256());
                try (InputStream in = store.open(blob.sha256())) {
                    assertThat(in.readAllBytes()).containsExactly(42);
                }
            });
        }
    }

    @Test
    void typeS3WithoutABucketStopsTheStartup() {
        runner().withPropertyValues("trainyard.storage.type=s3").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("trainyard.storage.s3.bucket"));
    }

    @Test
    void anUnknownTypeStopsTheStartup() {
        runner().withPropertyValues("trainyard.storage.type=floppy").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void theSecretKeyNeverShowsInTheSettingsText() {
        StorageProperties.S3 s3 = new StorageProperties.S3(null, "b", "us-east-1", "key", "very-secret", true, "");

        assertThat(s3.toString()).contains("key").doesNotContain("very-secret");
    }

    @Test
    void thePrefixEndsInExactlyOneSlash() {
        assertThat(prefix("")).isEmpty();
        assertThat(prefix(null)).isEmpty();
        assertThat(prefix("/")).isEmpty();
        assertThat(prefix("site-a")).isEqualTo("site-a/");
        assertThat(prefix("/site-a//")).isEqualTo("site-a/");
        assertThat(prefix("team/site-a/")).isEqualTo("team/site-a/");
    }

    private static String prefix(String prefix) {
        return new StorageProperties.S3(null, "b", "us-east-1", null, null, true, prefix).keyPrefix();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TrainyardProperties.class, StorageProperties.class})
    static class Properties {
    }
}
