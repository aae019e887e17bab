package io.trainyard.executor;

import java.util.List;

/** The devices DJL's engine reports: always a CPU, and the GPUs it can use. */
public record DeviceInfo(String engine, String engineVersion, int gpuCount, List<String> devices, String error) {

    public String summary() {
        if (error != null) {
            return "devices unknown: " + error;
        }
        return engine + " " + engineVersion + ": " + String.join(", ", devices) + " (" + gpuCount
                + (gpuCount == 1 ? " GPU)" : " GPUs)");
    }
}
