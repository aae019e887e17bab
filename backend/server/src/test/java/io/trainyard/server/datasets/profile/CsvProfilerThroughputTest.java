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
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the profiler reads a large CSV (10 numeric and 3 categorical columns), next to
 * {@code sha256sum} on the same file. Not part of the default test run (it writes a ~200 MB file and
 * takes about half a minute); run it with
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
        long bytes = Files.size(csv);
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "file: %.1f MB, %d rows, 13 columns%n", mb, rows);

        // sha256sum first, so that the file is in the page cache for everyone
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder("sha256sum", csv.toString()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            assertThat(process.waitFor()).isZero();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "sha256sum         run %d: %6.2f s  %7.1f MB/s%n", run, seconds, mb / seconds);
        }
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(csv)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                }
            }
            sha256.digest();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Java SHA-256      run %d: %6.2f s  %7.1f MB/s%n", run, seconds, mb / seconds);
        }
        CsvProfiler profiler = new CsvProfiler();
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            ProfileResult result;
            try (InputStream in = Files.newInputStream(csv)) {
                result = profiler.profile(in, "c1");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "CsvProfiler       run %d: %6.2f s  %7.1f MB/s%n", run, seconds, mb / seconds);
            assertThat(result.rowCount()).isEqualTo(rows);
            assertThat(result.columns()).hasSize(13);
            assertThat(result.columns().subList(0, 10)).allMatch(c -> c.type() == ColumnType.NUMERIC);
            assertThat(result.columns().subList(10, 13)).allMatch(c -> c.type() == ColumnType.CATEGORICAL);
        }
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
