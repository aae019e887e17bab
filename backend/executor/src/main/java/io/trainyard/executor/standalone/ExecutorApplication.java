package io.trainyard.executor.standalone;

import io.trainyard.executor.Executor;
import io.trainyard.executor.ExecutorSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The executor as its own process (a pod): no web server, no database, only HTTP to the Trainyard server.
 * SIGTERM closes the context, which stops the executor gracefully (see {@link Executor#stop()}); give the pod
 * a termination grace period longer than {@code trainyard.executor.stop-timeout}.
 */
@SpringBootApplication
@EnableConfigurationProperties(ExecutorProperties.class)
public class ExecutorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(ExecutorApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    Executor executor(ExecutorProperties properties) {
        if (properties.serverUrl() == null || properties.token() == null || properties.token().isBlank()) {
            throw new IllegalStateException("Set TRAINYARD_EXECUTOR_SERVER_URL and TRAINYARD_EXECUTOR_TOKEN "
                    + "(an API token with the executor scope)");
        }
        String name = properties.name() == null || properties.name().isBlank() ? hostname() : properties.name();
        return new Executor(new ExecutorSettings(properties.serverUrl(), properties.token(), name, properties.gpus(),
                properties.labels(), properties.concurrency(), properties.claimWait(), properties.stopTimeout(),
                false, properties.torchThreads()), Executor.discoverHandlers());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    HealthServer healthServer(ExecutorProperties properties, Executor executor) {
        return new HealthServer(properties.healthPort(), executor);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "executor";
        }
    }
}
