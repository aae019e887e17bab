package io.trainyard.server.storage.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.storage.*}: where blobs live. The filesystem store keeps them under
 * {@code <trainyard.data-dir>/blobs}; the S3 store in a bucket, spooling uploads through
 * {@code <trainyard.data-dir>/blobs/tmp}.
 *
 * @param type {@code filesystem} (default) or {@code s3}
 * @param s3   the bucket, used when {@code type=s3}
 */
@ConfigurationProperties("trainyard.storage")
record StorageProperties(@DefaultValue("filesystem") Type type, @DefaultValue S3 s3) {

    enum Type { FILESYSTEM, S3 }

    /**
     * @param endpoint  the server's URL, e.g. {@code http://minio:9000}; empty for AWS itself
     * @param bucket    required; it must exist (the store does not create it)
     * @param region    the signing region
     * @param accessKey with {@code secretKey}: static credentials; empty uses the SDK's default chain
     * @param pathStyle bucket in the path rather than the host name, as most self-hosted servers need
     * @param prefix    optional key prefix, so several installs can share a bucket; {@code /} is appended
     */
    record S3(
            URI endpoint,
            String bucket,
            @DefaultValue("us-east-1") String region,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("") String prefix) {

        /** The prefix as it goes in front of {@code blobs/}: empty, or ending in exactly one slash. */
        String keyPrefix() {
            String trimmed = prefix == null ? "" : prefix.strip().replaceAll("^/+|/+$", "");
            return trimmed.isEmpty() ? "" : trimmed + "/";
        }

        /** Never print the secret key (startup failures and debug logs print configuration records). */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey="
                    + accessKey + ", secretKey=" + (secretKey == null ? null : "******") + ", pathStyle="
                    + pathStyle + ", prefix=" + prefix + "]";
        }
    }
}
