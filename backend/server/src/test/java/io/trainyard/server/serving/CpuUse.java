package io.trainyard.server.serving;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU use over a benchmark phase: this JVM's (server, clients and log writer), the PostgreSQL's it talks to
 * (its postmaster, found by port, and that one's children) and the whole machine's, from /proc where there is
 * one, so that what a request costs can be told apart from other work on the machine.
 */
final class CpuUse {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux

    private final int postgresPort;
    private final long wallNanos = System.nanoTime();
    private final long jvmNanos = jvmCpuNanos();
    private final long postgresTicks;
    private final long[] machine = machineTicks();

    private CpuUse(int postgresPort) {
        this.postgresPort = postgresPort;
        this.postgresTicks = postgresTicks(postgresPort);
    }

    static CpuUse start(int postgresPort) {
        return new CpuUse(postgresPort);
    }

    /** Seconds of CPU per second of the phase. */
    record Use(double seconds, double jvm, double postgres, double machine, int cores) {

        /** CPU per request in microseconds: this JVM's and PostgreSQL's. */
        String perRequest(long requests) {
            return String.format(Locale.ROOT, "%.0f µs in this JVM and %.0f µs in PostgreSQL per request",
                    jvm * seconds / requests * 1e6, postgres * seconds / requests * 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "this JVM %.2f cores, its PostgreSQL %.2f, the machine %.2f of %d "
                    + "cores busy", jvm, postgres, machine, cores);
        }
    }

    Use since() {
        double seconds = (System.nanoTime() - wallNanos) / 1e9;
        double jvm = (jvmCpuNanos() - jvmNanos) / 1e9 / seconds;
        double postgres = (postgresTicks(postgresPort) - postgresTicks) / TICKS_PER_SECOND / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        long[] now = machineTicks();
        double busy = machine == null || now == null || now[0] == machine[0] ? Double.NaN
                : (1.0 - (double) (now[1] - machine[1]) / (now[0] - machine[0])) * cores;
        return new Use(seconds, jvm, postgres, busy, cores);
    }

    private static long jvmCpuNanos() {
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

    /** User and system ticks of the postmaster listening on the port and of its children (0 without /proc). */
    private static long postgresTicks(int port) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            long[] postmaster = {-1};
            java.util.Map<Long, long[]> byPid = new java.util.HashMap<>(); // pid -> {ppid, ticks}
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    byPid.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
                    if (stat.contains("(postgres)")) {
                        String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                        if (cmd.contains(" -p " + port + " ")) {
                            postmaster[0] = pid;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
            return byPid.entrySet().stream()
                    .filter(e -> e.getKey() == postmaster[0] || e.getValue()[0] == postmaster[0])
                    .mapToLong(e -> e.getValue()[1]).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
