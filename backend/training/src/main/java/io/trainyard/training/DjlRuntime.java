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
     * Readies the calling thread for PyTorch work. PyTorch keeps two settings per thread that DJL sets only on
     * the thread that loads the engine, so any other thread (an executor's worker, a serving request) starts
     * with PyTorch's own defaults:
     * <ul>
     *   <li>autograd recording on: training would then record the optimizer's in-place parameter updates and
     *   fail ("a leaf Variable that requires grad is being used in an in-place operation"), and inference would
     *   build graphs it never uses. Gradient collectors turn it on for the forward/backward pass and restore it;
     *   </li>
     *   <li>one OpenMP thread per core instead of {@code ai.djl.pytorch.num_threads}: on a few shared cores
     *   they spin-wait against every other process (measured 5x slower on the project's 2-core machine).</li>
     * </ul>
     * Cheap enough to call before every training run and every prediction.
     */
    public static void prepareThisThread() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return;
        }
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        if (configured != null && !configured.isBlank()) {
            int threads = Integer.parseInt(configured.strip());
            if (threads > 0 && ai.djl.pytorch.jni.JniUtils.getNumThreads() != threads) {
                ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            }
        }
    }

    /** PyTorch's intra-op thread count on the calling thread (for the run log); 0 on another engine. */
    public static int threadsOfThisThread() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return 0;
        }
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
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
