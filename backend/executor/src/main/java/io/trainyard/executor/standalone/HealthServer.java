package io.trainyard.executor.standalone;

import com.sun.net.httpserver.HttpServer;
import io.trainyard.executor.Executor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /healthz} for the pod's probes: 200 while the executor's loops make progress, 503 otherwise.
 * The JDK's own HTTP server, so the executor needs no web framework.
 */
final class HealthServer {

    private final int port;
    private final Executor executor;
    private HttpServer server;

    HealthServer(int port, Executor executor) {
        this.port = port;
        this.executor = executor;
    }

    void start() {
        if (port == 0) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on health port " + port, e);
        }
        server.createContext("/healthz", exchange -> {
            boolean healthy = executor.isHealthy();
            byte[] body = (healthy ? "ok, running " + executor.runningJobs() + " job(s)" : "unhealthy")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
