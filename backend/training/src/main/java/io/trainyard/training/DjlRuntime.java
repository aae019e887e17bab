package io.trainyard.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine set-up. Natives come from the {@code pytorch-native-cpu} (linux-x86_64) and {@code pytorch-jni} jars
 * on the class path; {@link #configure()} sets, unless already set, {@code ai.djl.offline=true} (DJL must not
 * reach the network for natives or model-zoo metadata), {@code PYTORCH_VERSION} (the bundled 2.7.1) and
 * {@code disableProgressBar}. Call before the first {@link Engine} use; {@link TabularTrainer} and
 * {@link io.trainyard.training.bundle.Predictor} do.
 */
public final class DjlRuntime {
    public static final String PYTORCH_VERSION = "2.7.1";

    private DjlRuntime() {
    }

    public static void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_VERSION", PYTORCH_VERSION);
        setIfAbsent("disableProgressBar", "true");
    }

    /**
     * Turns autograd recording off on the calling thread. PyTorch keeps grad mode per thread and a new thread
     * starts with it on; DJL turns it off only on the thread that loads the engine. Training on another thread
     * (an executor's worker, after a diagnostic job loaded the engine elsewhere) would then record the
     * optimizer's in-place parameter updates and fail ("a leaf Variable that requires grad is being used in an
     * in-place operation"). Gradient collectors turn it on for the forward/backward pass and restore it.
     */
    public static void gradModeOffOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }

    /**
     * Applies {@code ai.djl.pytorch.num_threads} (when set) to the calling thread. DJL applies it once, on the
     * thread that loads the engine, and OpenMP keeps the count per thread: an executor's worker thread would
     * otherwise run with one OpenMP thread per core, which on a few shared cores spin-waits against every
     * other process (measured 5x slower than the configured single thread on the project's 2-core machine).
     */
    public static void threadCountOnThisThread() {
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        if (configured != null && !configured.isBlank() && "PyTorch".equals(Engine.getInstance().getEngineName())) {
            int threads = Integer.parseInt(configured.strip());
            if (threads > 0 && ai.djl.pytorch.jni.JniUtils.getNumThreads() != threads) {
                ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** {@code auto}: every GPU the engine reports, else the CPU; {@code gpu}: all GPUs; {@code gpu:N}; {@code cpu}. */
    public static Device[] devices(String spec) {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        if ("cpu".equals(spec)) {
            return new Device[] {Device.cpu()};
        }
        if (spec != null && spec.startsWith("gpu:")) {
            int id = Integer.parseInt(spec.substring(4));
            if (id >= gpus) {
                throw new IllegalArgumentException("device " + spec + " requested but the engine sees " + gpus
                        + " GPU(s)");
            }
            return new Device[] {Device.gpu(id)};
        }
        if (gpus == 0) {
            if ("gpu".equals(spec)) {
                throw new IllegalArgumentException("device gpu requested but the engine sees no GPU");
            }
            return new Device[] {Device.cpu()};
        }
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            all.add(Device.gpu(i));
        }
        return all.toArray(Device[]::new);
    }

    public static String engineDescription() {
        Engine e = Engine.getInstance();
        return e.getEngineName() + " " + e.getVersion();
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    public static String libraryVersion() {
        String v = DjlRuntime.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
