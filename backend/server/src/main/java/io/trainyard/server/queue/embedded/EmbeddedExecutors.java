package io.trainyard.server.queue.embedded;

import io.trainyard.executor.Executor;
import io.trainyard.executor.ExecutorSettings;
import io.trainyard.server.common.TrainyardProperties;
import io.trainyard.server.security.ExecutorCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code trainyard.executor.embedded.workers} executors inside the server, for one-machine installs. They are
 * the standalone executor's engine and speak the same HTTP protocol over loopback, so the real path (auth,
 * leases, long polls, heartbeats) is exercised; their credential is an executor-scoped token minted at each
 * start and revoked at shutdown. They start after the web server and stop (releasing their leases) before it.
 */
@Component
public class EmbeddedExecutors implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedExecutors.class);

    private final TrainyardProperties.Embedded settings;
    private final ExecutorCredentials credentials;
    private final Environment environment;
    private final List<Executor> executors = new ArrayList<>();
    private String tokenName;
    private volatile boolean running;

    EmbeddedExecutors(TrainyardProperties properties, ExecutorCredentials credentials, Environment environment) {
        this.settings = properties.executor().embedded();
        this.credentials = credentials;
        this.environment = environment;
    }

    @Override
    public void start() {
        running = true;
        startWorkers(settings.workers());
    }

    /** Starts {@code workers} executors (package-private so a test can run them in a shared context). */
    public synchronized void startWorkers(int workers) {
        if (workers <= 0) {
            return;
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            log.warn("No web server port known; embedded executors are not started");
            return;
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        URI server = URI.create("http://127.0.0.1:" + port + contextPath + "/");
        String host = hostname();
        tokenName = "embedded executors (" + host + ")";
        String token = credentials.issueEmbeddedExecutorToken(tokenName);
        for (int i = 1; i <= workers; i++) {
            Executor executor = new Executor(new ExecutorSettings(server, token, "embedded-" + i + "@" + host,
                    settings.gpus(), settings.labels(), 1, Duration.ofSeconds(20), Duration.ofSeconds(10), true),
                    Executor.discoverHandlers());
            executor.start();
            executors.add(executor);
        }
    }

    @Override
    public void stop() {
        stopWorkers();
        running = false;
    }

    public synchronized void stopWorkers() {
        executors.parallelStream().forEach(Executor::stop);
        executors.clear();
        if (tokenName != null) {
            try {
                credentials.revokeEmbeddedExecutorToken(tokenName);
            } catch (RuntimeException e) {
                log.debug("Could not revoke the embedded executors' token: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server has started (its port is known); stops first, while the server still answers. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
