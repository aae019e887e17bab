package io.trainyard.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.PenguinTraining;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.sql.Connection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The serving figures of docs/performance.md (opt-in: {@code -Dtrainyard.perf=true}, see
 * scripts/bench-serving.sh): single-row predictions sent open-loop at a fixed rate (200/s) with a bearer token,
 * server-side latency from Spring's {@code http.server.requests} timer and client-side latency next to it; then
 * 1,000-row batches one after the other. Server-side percentiles come from the timer's histogram: the bucket
 * counts after a phase minus those before it, so warm-up and the other phase do not count (a percentile is
 * reported as the upper bound of the bucket it falls in). The model is a penguins MLP really trained first.
 * The warm-up lasts until the JIT has settled ({@code -Dbench.jitWarmup=false}: 500 requests only, as before);
 * each run also prints the GC pauses, the CPU use (this JVM's and the machine's) and the JIT's compilation time
 * during the single-row phase, since on a small shared machine those explain the p99. Last, the throughput of
 * 4 clients sending as fast as they can tells how much CPU a request costs.
 */
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
@TestPropertySource(properties = "management.metrics.distribution.percentiles-histogram.http.server.requests=true")
class ServingBenchmarkTest extends IntegrationTest {

    private static final String ROW = "{\"Island\":\"Biscoe\",\"Beak Length (mm)\":45.1,\"Beak Depth (mm)\":14.5,"
            + "\"Flipper Length (mm)\":215,\"Body Mass (g)\":5000,\"Sex\":\"FEMALE\"}";

    private static final int FAST_WARMUP_REQUESTS = 20_000;
    private static final int WARMUP_ROUND_SECONDS = 5;
    private static final int THROUGHPUT_SECONDS = 10;

    @Autowired
    EmbeddedExecutors embedded;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;

    @Test
    void singleRowsAt200PerSecondAndThousandRowBatches() throws Exception {
        Api admin = api().basic("admin", ADMIN_PASSWORD);
        String model = trainAndRegister(admin);
        String token = admin.post("/api/v1/tokens", "{\"name\":\"bench-" + UUID.randomUUID()
                + "\",\"scopes\":[\"write\"],\"expiresInDays\":1}").json().path("token").asString();
        URI uri = URI.create(baseUrl() + "/api/v1/projects/default/models/" + model + "/predict?alias=champion");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String single = "{\"rows\":[" + ROW + "]}";
        String batch = "{\"rows\":[" + String.join(",", java.util.Collections.nCopies(1000, ROW)) + "]}";

        for (int i = 0; i < 500; i++) { // warm-up: connection, the model's first load, the JIT's first tiers
            send(client, uri, token, single);
        }
        for (int i = 0; i < 20; i++) {
            send(client, uri, token, batch);
        }
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        boolean untilJitSettles = Boolean.parseBoolean(System.getProperty("bench.jitWarmup", "true"));
        List<Long> warmupCompiling = untilJitSettles ? warmUpUntilJitSettles(client, uri, token, single, rate)
                : List.of();

        HistogramSnapshot before = serverTimer().takeSnapshot();
        long compiledBefore = compilationMillis();
        long[] clientNanos;
        List<Long> pauses;
        CpuUse.Use cpu;
        try (GcPauses gc = GcPauses.record()) {
            CpuUse cpuUse = CpuUse.start(postgresPort());
            clientNanos = openLoop(client, uri, token, single, rate, seconds);
            cpu = cpuUse.since();
            pauses = gc.millis();
        }
        long compiledDuring = compilationMillis() - compiledBefore;
        HistogramSnapshot afterSingles = serverTimer().takeSnapshot();
        assertThat(afterSingles.count() - before.count()).isEqualTo((long) rate * seconds);

        long[] batchNanos = new long[50];
        for (int i = 0; i < batchNanos.length; i++) {
            long t0 = System.nanoTime();
            send(client, uri, token, batch);
            batchNanos[i] = System.nanoTime() - t0;
        }
        HistogramSnapshot afterBatches = serverTimer().takeSnapshot();
        CpuUse throughputCpu = CpuUse.start(postgresPort());
        long throughput = closedLoop(client, uri, token, single, THROUGHPUT_SECONDS);
        CpuUse.Use throughputUse = throughputCpu.since();
        Arrays.sort(clientNanos);
        Arrays.sort(batchNanos);
        System.out.printf(Locale.ROOT, "BENCH serving: %d single-row requests at %d/s: server-side p50 ≤ %.2f ms, "
                        + "p99 ≤ %.2f ms; client-side p50 %.2f ms, p99 %.2f ms%n", clientNanos.length, rate,
                serverMs(before, afterSingles, 0.50), serverMs(before, afterSingles, 0.99),
                ms(clientNanos, 0.50), ms(clientNanos, 0.99));
        System.out.printf(Locale.ROOT, "BENCH serving: GC during the single-row phase: %d collections (%s), %d ms "
                + "in all, the longest %d ms%n", pauses.size(), GcPauses.collectors(),
                pauses.stream().mapToLong(Long::longValue).sum(),
                pauses.stream().mapToLong(Long::longValue).max().orElse(0));
        System.out.printf(Locale.ROOT, "BENCH serving: CPU during the single-row phase: %s (%s); JIT compiling %d "
                + "ms (%s)%n", cpu, cpu.perRequest(clientNanos.length), compiledDuring, untilJitSettles ? "warm-up until the JIT settles: its rounds at the "
                + "same rate compiled for " + warmupCompiling + " ms" : "short warm-up only");
        System.out.printf(Locale.ROOT, "BENCH serving: 1000-row batches: server-side p50 ≤ %.1f ms, p99 ≤ %.1f ms; "
                        + "client-side p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                serverMs(afterSingles, afterBatches, 0.50), serverMs(afterSingles, afterBatches, 0.99),
                ms(batchNanos, 0.50), ms(batchNanos, 0.99), batchNanos[batchNanos.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "BENCH serving: throughput, single rows from 4 clients as fast as they go "
                + "for %d s: %d requests/s, %s (%s)%n", THROUGHPUT_SECONDS, throughput / THROUGHPUT_SECONDS,
                throughputUse.perRequest(throughput), throughputUse);
    }

    /** How many requests 4 clients sending one after the other get through: what a request costs in CPU. */
    private long closedLoop(HttpClient client, URI uri, String token, String body, int seconds) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            counts.add(clients.submit(() -> {
                int sent = 0;
                while (System.nanoTime() < end) {
                    send(client, uri, token, body);
                    sent++;
                }
                return sent;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        clients.shutdown();
        return total;
    }

    /**
     * The request path's hot methods reach the optimising compiler (C2) only after thousands of calls each, and
     * on 2 cores every compilation (up to half a second of CPU) competes with the requests. So the warm-up first
     * sends requests as fast as 4 clients can, then goes on open-loop at the measured rate until a round spends
     * under 5 % of its time compiling (at most 12 rounds): the figures are for a server in its steady state.
     * Returns the compilation time of each open-loop round.
     */
    private List<Long> warmUpUntilJitSettles(HttpClient client, URI uri, String token, String body, int rate)
            throws Exception {
        ExecutorService fast = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(fast.submit(() -> {
                for (int i = 0; i < FAST_WARMUP_REQUESTS / 4; i++) {
                    send(client, uri, token, body);
                }
                return null;
            }));
        }
        for (Future<?> c : clients) {
            c.get();
        }
        fast.shutdown();
        List<Long> compiledPerRound = new ArrayList<>();
        long compiled;
        do {
            long before = compilationMillis();
            openLoop(client, uri, token, body, rate, WARMUP_ROUND_SECONDS);
            compiled = compilationMillis() - before;
            compiledPerRound.add(compiled);
        } while (compiled > WARMUP_ROUND_SECONDS * 1000 / 20 && compiledPerRound.size() < 12);
        return compiledPerRound;
    }

    private static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private long[] openLoop(HttpClient client, URI uri, String token, String body, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Long>> results = new ArrayList<>(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            results.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                send(client, uri, token, body);
                return System.nanoTime() - t0;
            }));
        }
        long[] nanos = new long[total];
        for (int i = 0; i < total; i++) {
            nanos[i] = results.get(i).get();
        }
        pool.shutdown();
        return nanos;
    }

    /** The percentile of the requests recorded between two snapshots, as the upper bound of its bucket. */
    private static double serverMs(HistogramSnapshot from, HistogramSnapshot to, double q) {
        CountAtBucket[] a = from.histogramCounts();
        CountAtBucket[] b = to.histogramCounts();
        double total = to.count() - from.count();
        // registries keep either cumulative counts (values ≤ bucket) or per-bucket counts: tell by the last one
        boolean cumulative = b.length > 0 && b[b.length - 1].count() >= to.count() * 0.99;
        double below = 0;
        for (int i = 0; i < b.length; i++) {
            double delta = b[i].count() - (i < a.length ? a[i].count() : 0);
            below = cumulative ? delta : below + delta;
            if (below >= q * total) {
                return b[i].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private int postgresPort() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return URI.create(connection.getMetaData().getURL().substring("jdbc:".length())).getPort();
        }
    }

    private Timer serverTimer() {
        return meters.find("http.server.requests")
                .tag("uri", "/api/v1/projects/{project}/models/{name}/predict").timer();
    }

    private static void send(HttpClient client, URI uri, String token, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private String trainAndRegister(Api admin) throws Exception {
        String dataset = PenguinTraining.uploadDataset(admin, "penguins-bench");
        embedded.startWorkers(1);
        String runId;
        try {
            runId = PenguinTraining.train(admin, dataset, "serving-bench", """
                    {"task":"classification","target":"Species","epochs":20,
                     "features":["Island","Beak Length (mm)","Beak Depth (mm)","Flipper Length (mm)","Body Mass (g)",
                                 "Sex"]}""");
        } finally {
            embedded.stopWorkers();
        }
        String model = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/v1/projects/default/models", "{\"name\":\"" + model + "\"}");
        admin.post("/api/v1/projects/default/models/" + model + "/versions", "{\"runId\":\"" + runId + "\"}");
        admin.put("/api/v1/projects/default/models/" + model + "/aliases/champion", "{\"version\":1}");
        return model;
    }
}
