package io.trainyard.server.datasets.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.client.model.ColumnType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the profiler reads a large CSV (10 numeric and 3 categorical columns), next to
 * {@code sha256sum} on the same file, single-threaded and with the helper thread. Not part of the
 * default test run (it writes a ~200 MB file and takes about a minute); run it with
 * {@code ./mvnw -pl backend/server -am test -Dtest=CsvProfilerThroughputTest -Dsurefire.failIfNoSpecifiedTests=false -Dtrainyard.perf=true}
 * ({@code -Dtrainyard.perf.mb=1000} for a 1 GB file).
 */
@Tag("perf")
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
class CsvProfilerThroughputTest {

    @TempDir
    Path dir;

    @Test
    void profileThroughput() throws Exception {
        long targetBytes = Long.getLong("trainyard.perf.mb", 200) * 1_000_000;
        Path csv = dir.resolve("throughput.csv");
        long rows = write(csv, targetBytes);
        double mb = Files.size(csv) / 1e6;
        System.out.printf(Locale.ROOT, "file: %.1f MB, %d rows, 10 numeric + 3 categorical columns%n", mb, rows);

        // Rounds of sha256sum, Java's SHA-256, the profiler on one thread and with its helper thread,
        // interleaved so that a busy neighbour slows all of them alike; the ratios are what count.
        // The first round includes JIT compilation (a server profiles many files, so later rounds count).
        int rounds = Integer.getInteger("trainyard.perf.runs", 5);
        double[][] seconds = new double[4][rounds];
        for (int round = 0; round < rounds; round++) {
            seconds[0][round] = time(() -> sha256sum(csv));
            seconds[1][round] = time(() -> javaSha256(csv));
            seconds[2][round] = time(() -> profile(new CsvProfiler(false), csv, rows));
            seconds[3][round] = time(() -> profile(new CsvProfiler(true), csv, rows));
            System.out.printf(Locale.ROOT, "round %d MB/s: sha256sum %6.1f | Java SHA-256 %6.1f | profiler %6.1f,"
                            + " with helper %6.1f | profiler / sha256sum %.2f, with helper %.2f%n", round + 1,
                    mb / seconds[0][round], mb / seconds[1][round], mb / seconds[2][round], mb / seconds[3][round],
                    seconds[0][round] / seconds[2][round], seconds[0][round] / seconds[3][round]);
        }
        String[] names = {"sha256sum", "Java SHA-256", "profiler, 1 thread", "profiler + helper"};
        for (int i = 0; i < names.length; i++) {
            double[] sorted = Arrays.copyOfRange(seconds[i], rounds > 1 ? 1 : 0, rounds);
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-20s median %6.1f MB/s, best %6.1f MB/s (rounds 2..%d)%n", names[i],
                    mb / sorted[sorted.length / 2], mb / sorted[0], rounds);
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
    }

    private static void javaSha256(Path file) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        sha256.digest();
    }

    private static void profile(CsvProfiler profiler, Path file, long rows) throws IOException {
        ProfileResult result;
        try (InputStream in = Files.newInputStream(file)) {
            result = profiler.profile(in, "c1");
        }
        assertThat(result.rowCount()).isEqualTo(rows);
        assertThat(result.columns()).hasSize(13);
        assertThat(result.columns().subList(0, 10)).allMatch(c -> c.type() == ColumnType.NUMERIC);
        assertThat(result.columns().subList(10, 13)).allMatch(c -> c.type() == ColumnType.CATEGORICAL);
    }

    /** Writes rows until the file holds {@code targetBytes}; returns the row count. */
    private static long write(Path file, long targetBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(2024);
        String[][] categories = {names("species", 5), names("region", 40), names("product", 500)};
        byte[] line = new byte[1024];
        long written = 0;
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] header = "n0,n1,n2,n3,n4,n5,n6,n7,n8,n9,c1,c2,c3\n".getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            written += header.length;
            while (written < targetBytes) {
                int p = 0;
                for (int c = 0; c < 10; c++) {
                    // a mix of typical numeric columns: integers, 2, 3 and 6 decimals, some negative
                    p = switch (c % 4) {
                        case 0 -> fixed(line, p, Math.round(random.nextGaussian() * 1000 + 5000), 0);
                        case 1 -> fixed(line, p, Math.round(random.nextGaussian() * 10_000), 2);
                        case 2 -> fixed(line, p, Math.round(Math.exp(random.nextGaussian()) * 1000), 3);
                        default -> fixed(line, p, Math.round(random.nextDouble() * 1_000_000), 6);
                    };
                    line[p++] = ',';
                }
                for (int c = 0; c < 3; c++) {
                    byte[] value = categories[c][random.nextInt(categories[c].length)].getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(value, 0, line, p, value.length);
                    p += value.length;
                    line[p++] = (byte) (c == 2 ? '\n' : ',');
                }
                out.write(line, 0, p);
                written += p;
                rows++;
            }
        }
        return rows;
    }

    private static String[] names(String prefix, int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = prefix + "_" + i;
        }
        return names;
    }

    /** Writes {@code units / 10^decimals} in plain decimal notation. */
    private static int fixed(byte[] out, int p, long units, int decimals) {
        if (units < 0) {
            out[p++] = '-';
            units = -units;
        }
        byte[] digits = new byte[20];
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + units % 10);
            units /= 10;
        } while (units > 0 || n <= decimals);
        for (int i = n - 1; i >= 0; i--) {
            out[p++] = digits[i];
            if (i == decimals && decimals > 0) {
                out[p++] = '.';
            }
        }
        return p;
    }
}
