package io.trainyard.executor.standalone;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.executor.*} (environment: {@code TRAINYARD_EXECUTOR_SERVER_URL}, {@code _TOKEN}, {@code _NAME},
 * {@code _GPUS}, {@code _LABELS}, {@code _CONCURRENCY}, ...). See docs/queue.md.
 *
 * @param healthPort where {@code /healthz} answers for the pod's probes (0: no health endpoint)
 * @param torchThreads PyTorch threads for training jobs; 0 = one per job
 */
@ConfigurationProperties("trainyard.executor")
record ExecutorProperties(
        URI serverUrl,
        String token,
        String name,
        @DefaultValue("auto") String gpus,
        @DefaultValue List<String> labels,
        @DefaultValue("1") int concurrency,
        @DefaultValue("PT20S") Duration claimWait,
        @DefaultValue("PT25S") Duration stopTimeout,
        @DefaultValue("8081") int healthPort,
        @DefaultValue("0") int torchThreads) {
}
