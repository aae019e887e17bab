package io.trainyard.server.support;

import io.trainyard.server.storage.s3.S3Clients;
import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server for tests: S3Proxy (from Maven Central) in this JVM, on loopback only, keeping objects in
 * memory and checking AWS signatures, so a client with wrong credentials fails as it would against S3.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "trainyard-test";
    public static final String SECRET_KEY = "trainyard-test-secret";

    private final S3Proxy proxy;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static S3TestServer start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // tests have finished their requests when they stop it: no graceful drain
                .stopTimeout(0)
                .build();
        proxy.start();
        return new S3TestServer(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client as the blob store builds it, with this server's credentials. */
    public S3Client client() {
        return S3Clients.create(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY, true);
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(create -> create.bucket(bucket));
        }
    }

    public List<String> keys(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream().map(S3Object::key)
                    .toList();
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
