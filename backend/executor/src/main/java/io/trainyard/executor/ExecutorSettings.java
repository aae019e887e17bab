package io.trainyard.executor;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How an executor runs.
 *
 * @param serverUrl   the server's base URL, e.g. {@code http://trainyard:8080}
 * @param token       an API token with the {@code executor} scope
 * @param name        shown on the queue page (a pod name, a host name)
 * @param gpus        {@code auto} (what DJL's engine reports) or a number
 * @param labels      what jobs may ask for, e.g. {@code a100}, {@code zone=eu}
 * @param concurrency jobs run at once (one claim loop each)
 * @param claimWait   how long one claim long-polls (the server caps it at 30 s)
 * @param stopTimeout on shutdown, how long running jobs get to checkpoint before their leases are released
 * @param embedded    runs inside the server (shown as such)
 * @param torchThreads PyTorch intra-op threads for training jobs ({@code ai.djl.pytorch.num_threads}, set
 *                     before DJL's engine loads unless the system property is already set); 0 = auto:
 *                     one per job
 */
public record ExecutorSettings(URI serverUrl, String token, String name, String gpus, List<String> labels,
                               int concurrency, Duration claimWait, Duration stopTimeout, boolean embedded,
                               int torchThreads) {

    /** Torch threads on auto. */
    public ExecutorSettings(URI serverUrl, String token, String name, String gpus, List<String> labels,
                            int concurrency, Duration claimWait, Duration stopTimeout, boolean embedded) {
        this(serverUrl, token, name, gpus, labels, concurrency, claimWait, stopTimeout, embedded, 0);
    }

    public ExecutorSettings {
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (torchThreads < 0) {
            throw new IllegalArgumentException("torchThreads must be 0 (auto) or more");
        }
        if (!"auto".equals(gpus) && !gpus.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("gpus must be 'auto' or a number, not '" + gpus + "'");
        }
    }
}
