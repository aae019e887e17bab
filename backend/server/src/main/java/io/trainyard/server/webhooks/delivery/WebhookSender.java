package io.trainyard.server.webhooks.delivery;

import io.trainyard.server.webhooks.WebhookProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery: POST of the JSON payload with the event, delivery id, timestamp and signature headers.
 * Redirects are not followed (a 3xx is a failed attempt), no proxy is used, and every host name is resolved
 * through the {@link SsrfGuard}.
 */
@Component
class WebhookSender implements DisposableBean {

    /** What the receiver answered; {@code status} null when no answer came. */
    record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;

    WebhookSender(SsrfGuard guard, WebhookProperties properties) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.responseTimeout())).build())
                        .setMaxConnTotal(20).setMaxConnPerRoute(4).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout())).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Trainyard-Webhooks/1")
                .build();
    }

    Outcome send(DeliveryStore.Claimed delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(delivery.url());
        post.setHeader("X-Trainyard-Event", delivery.event());
        post.setHeader("X-Trainyard-Delivery", delivery.eventId().toString());
        post.setHeader("X-Trainyard-Timestamp", Long.toString(Instant.now().getEpochSecond()));
        post.setHeader("X-Trainyard-Signature", Signatures.sign(delivery.secret(), body));
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                int status = response.getCode();
                return new Outcome(status, status >= 200 && status < 300 ? null
                        : "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
            });
        } catch (SsrfGuard.RefusedAddressException e) {
            return new Outcome(null, "refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
