package io.trainyard.executor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks DJL's engine what devices there are. Loading the engine takes a few seconds (native libraries), so it
 * happens once, lazily: only for {@code gpus=auto} or when a job asks. DJL is kept offline: the natives come
 * from the pytorch-native jar on the class path, never from the network.
 */
public final class Devices {

    private static volatile DeviceInfo detected;

    private Devices() {
    }

    public static DeviceInfo detect() {
        DeviceInfo result = detected;
        if (result == null) {
            synchronized (Devices.class) {
                result = detected;
                if (result == null) {
                    result = load();
                    detected = result;
                }
            }
        }
        return result;
    }

    private static DeviceInfo load() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            Engine engine = Engine.getInstance();
            int gpus = engine.getGpuCount();
            List<String> devices = new ArrayList<>();
            devices.add(Device.cpu().toString());
            for (int i = 0; i < gpus; i++) {
                Device gpu = Device.gpu(i);
                devices.add(gpu + " " + gpuName(gpu));
            }
            return new DeviceInfo(engine.getEngineName(), engine.getVersion(), gpus, List.copyOf(devices), null);
        } catch (RuntimeException | LinkageError e) {
            return new DeviceInfo("none", "", 0, List.of("cpu()"), String.valueOf(e.getMessage()));
        }
    }

    /** DJL knows a GPU's compute capability and memory, not its marketing name. */
    private static String gpuName(Device gpu) {
        try {
            String capability = CudaUtils.getComputeCapability(gpu.getDeviceId());
            long memory = CudaUtils.getGpuMemory(gpu).getMax();
            return "(CUDA " + CudaUtils.getCudaVersionString() + ", compute " + capability + ", "
                    + (memory >> 30) + " GiB)";
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }
}
