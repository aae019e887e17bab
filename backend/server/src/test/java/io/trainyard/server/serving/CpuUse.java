package io.trainyard.server.serving;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU use over a benchmark phase: this JVM's (server, clients and log writer), and the whole machine's from
 * /proc/stat where there is one, so a run on a machine busy with other work can be told apart.
 */
final class CpuUse {

    private final long wallNanos = System.nanoTime();
    private final long processNanos = processCpuNanos();
    private final long[] machine = machineTicks();

    static CpuUse start() {
        return new CpuUse();
    }

    /** e.g. "this JVM 0.71 cores, the machine 1.62 of 2 cores busy". */
    String since() {
        double seconds = (System.nanoTime() - wallNanos) / 1e9;
        double jvm = (processCpuNanos() - processNanos) / 1e9 / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        long[] now = machineTicks();
        if (machine == null || now == null || now[0] == machine[0]) {
            return String.format(java.util.Locale.ROOT, "this JVM %.2f cores", jvm);
        }
        double busy = 1.0 - (double) (now[1] - machine[1]) / (now[0] - machine[0]);
        return String.format(java.util.Locale.ROOT, "this JVM %.2f cores, the machine %.2f of %d cores busy", jvm,
                busy * cores, cores);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {all ticks, idle + iowait ticks} of the first line of /proc/stat, or null. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
