package io.trainyard.server.storage.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the synchronous S3 client the blob store uses, for AWS or any S3-compatible server. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * @param endpoint  the server's URL, or null for AWS itself
     * @param accessKey with {@code secretKey}, static credentials; when either is empty the SDK's default chain
     *                  (environment, system properties, profile, container or instance role) is used
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}; most
     *                  self-hosted servers (MinIO, Ceph, s3proxy) need it
     */
    public static S3Client create(URI endpoint, String region, String accessKey, String secretKey,
            boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials(accessKey, secretKey))
                // the SDK's default CRC32 trailers (aws-chunked uploads) are not understood by every
                // S3-compatible server; content is verified by its sha256 instead
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        if (isEmpty(accessKey) || isEmpty(secretKey)) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isBlank();
    }
}
