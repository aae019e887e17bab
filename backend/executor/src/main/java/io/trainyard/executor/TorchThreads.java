package io.trainyard.executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's intra-op thread count for training jobs. Tiny tabular models on a few shared cores train many times
 * faster with few threads (docs/training.md), and concurrent jobs should not oversubscribe the cores. DJL reads
 * {@code ai.djl.pytorch.num_threads} once, when its engine loads, so this sets the system property early and
 * never overrides one set explicitly ({@code -Dai.djl.pytorch.num_threads=...}).
 */
public final class TorchThreads {

    static final String PROPERTY = "ai.djl.pytorch.num_threads";
    private static final Logger log = LoggerFactory.getLogger(TorchThreads.class);

    private TorchThreads() {
    }

    /**
     * The thread count for {@code configured}; 0 means one thread per job. Tabular models are small: on the
     * project's 2-core machine one thread trained 100,000 rows x 50 epochs at 273,000 rows/s inside an executor
     * where two threads (cores / concurrency) managed 106,000 (docs/performance.md, "Training"). Large models
     * on big machines should configure more.
     */
    public static int threadsFor(int configured, int concurrency, int cores) {
        return configured > 0 ? configured : 1;
    }

    /** Sets the property unless it is set already; returns the value in effect. */
    public static synchronized String configure(int configured, int concurrency) {
        String current = System.getProperty(PROPERTY);
        if (current != null && !current.isBlank()) {
            return current;
        }
        String value = Integer.toString(threadsFor(configured, concurrency,
                Runtime.getRuntime().availableProcessors()));
        System.setProperty(PROPERTY, value);
        log.info("PyTorch threads per job: {} ({})", value, configured > 0 ? "configured" : "default");
        return value;
    }
}
