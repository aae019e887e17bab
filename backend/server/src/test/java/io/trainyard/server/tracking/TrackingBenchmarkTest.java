package io.trainyard.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tracking figures of docs/performance.md, measured over HTTP against the running server:
 * metric ingest (and its ratio to PostgreSQL COPY of the same rows into the same table), downsampled history
 * of a million-point metric, and the first page of a 10,000-run experiment sorted by a metric.
 *
 * <p>Opt-in, it takes a few minutes: {@code scripts/bench-tracking.sh}.
 */
@EnabledIfSystemProperty(named = "trainyard.perf", matches = "true")
class TrackingBenchmarkTest extends IntegrationTest {

    private static final int BATCH = 10_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private Api tokenApi() {
        String token = admin().post("/api/v1/tokens", "{\"name\":\"bench-" + UUID.randomUUID()
                + "\",\"scopes\":[\"write\"],\"expiresInDays\":1}").json().path("token").asString();
        return api().bearer(token);
    }

    private String newRun(Api api) {
        String experiment = api.post("/api/v1/projects/default/experiments",
                "{\"name\":\"bench-" + UUID.randomUUID() + "\"}").json().path("id").asString();
        return api.post("/api/v1/experiments/" + experiment + "/runs", "{}").json().path("id").asString();
    }

    private static String batch(String key, int firstStep) {
        StringBuilder body = new StringBuilder(BATCH * 64).append("{\"metrics\":[");
        for (int step = firstStep; step < firstStep + BATCH; step++) {
            double value = Math.sin(step / 1000.0) + (step % 7) * 0.01;
            body.append(step == firstStep ? "" : ",").append("{\"key\":\"").append(key).append("\",\"value\":")
                    .append(value).append(",\"step\":").append(step).append(",\"timestamp\":")
                    .append(1_700_000_000_000L + step).append('}');
        }
        return body.append("]}").toString();
    }

    /**
     * Ingest against COPY in alternating rounds (API, then COPY of the same rows, three times), so that both see
     * the same moments of a shared machine; the figures are the medians of the rounds. The API run keeps growing
     * over the rounds (930,000 points at the end), as a long training run's metric does.
     */
    @Test
    void ingestThroughputAgainstCopy() throws Exception {
        Api api = tokenApi();
        String runId = newRun(api);
        String copyRun = newRun(api);
        admin().post("/api/v1/runs/" + copyRun + "/metrics", "{\"metrics\":[{\"key\":\"loss\",\"value\":0}]}");
        long seriesId = jdbc.queryForObject("select id from metric_series where run_id = ?", Long.class,
                RunIds.parse(copyRun));
        int warmup = 3;
        int batches = 30;
        int rounds = 3;
        List<String> bodies = new ArrayList<>();
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < warmup + rounds * batches; i++) {
            bodies.add(batch("loss", i * BATCH));
            chunks.add(copyChunk(seriesId, i * BATCH));
        }
        String load = loadAverage();
        List<Double> apiRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            PGConnection pg = connection.unwrap(PGConnection.class);
            post(api, runId, bodies.subList(0, warmup));
            copy(connection, pg, chunks.subList(0, warmup));
            for (int round = 0; round < rounds; round++) {
                int from = warmup + round * batches;
                double apiRate = post(api, runId, bodies.subList(from, from + batches));
                double copyRate = copy(connection, pg, chunks.subList(from, from + batches));
                apiRates.add(apiRate);
                copyRates.add(copyRate);
                ratios.add(apiRate / copyRate);
            }
        }
        // the same client keeping two batches in flight (as the executor's background sender can)
        String pipelinedRun = newRun(api);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
        long pipelinedStart = System.nanoTime();
        List<java.util.concurrent.Future<Integer>> sent = new ArrayList<>();
        for (String body : bodies.subList(warmup, warmup + batches)) {
            sent.add(senders.submit(() -> api.post("/api/v1/runs/" + pipelinedRun + "/metrics", body).status()));
        }
        for (java.util.concurrent.Future<Integer> status : sent) {
            assertThat(status.get()).isEqualTo(200);
        }
        double pipelinedRate = batches * BATCH / ((System.nanoTime() - pipelinedStart) / 1e9);
        senders.shutdown();
        System.out.printf("BENCH ingest (%d rounds of %d batches of %d points, medians): api %.0f points/s, COPY %.0f "
                        + "points/s, ratio %.2f; rounds api %s, COPY %s, ratio %s; two in flight %.0f points/s "
                        + "(ratio to the median COPY %.2f); load average %s -> %s%n", rounds, batches, BATCH,
                median(apiRates), median(copyRates), median(ratios), rounded(apiRates), rounded(copyRates),
                ratios.stream().map(r -> String.format("%.2f", r)).toList(), pipelinedRate,
                pipelinedRate / median(copyRates), load, loadAverage());
    }

    /** Posts the batches one after the other; returns points per second. */
    private static double post(Api api, String runId, List<String> bodies) {
        long start = System.nanoTime();
        for (String body : bodies) {
            Api.Response logged = api.post("/api/v1/runs/" + runId + "/metrics", body);
            assertThat(logged.status()).isEqualTo(200);
            assertThat(logged.json().path("stored").asInt()).isEqualTo(BATCH);
        }
        return bodies.size() * BATCH / ((System.nanoTime() - start) / 1e9);
    }

    /** COPYs the chunks into the same table, one commit each; returns rows per second. */
    private static double copy(Connection connection, PGConnection pg, List<String> chunks) throws Exception {
        long start = System.nanoTime();
        for (String chunk : chunks) {
            pg.getCopyAPI().copyIn("COPY metric_points (series_id, step, ts, value) FROM STDIN (FORMAT csv)",
                    new StringReader(chunk));
            connection.commit();
        }
        return chunks.size() * BATCH / ((System.nanoTime() - start) / 1e9);
    }

    /** The rows of {@link #batch} as CSV for COPY (steps shifted by one past the series' first point at 0). */
    private static String copyChunk(long seriesId, int firstStep) {
        StringBuilder csv = new StringBuilder(BATCH * 48);
        for (int step = firstStep; step < firstStep + BATCH; step++) {
            double value = Math.sin(step / 1000.0) + (step % 7) * 0.01;
            csv.append(seriesId).append(',').append(step + 1).append(',').append(1_700_000_000_000L + step)
                    .append(',').append(value).append('\n');
        }
        return csv.toString();
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<String> rounded(List<Double> rates) {
        return rates.stream().map(rate -> String.format("%.0f", rate)).toList();
    }

    /** The 1-minute load average while measuring, recorded with the figures (the machine is shared). */
    private static String loadAverage() throws java.io.IOException {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc/loadavg");
        return java.nio.file.Files.exists(proc) ? java.nio.file.Files.readString(proc).split(" ")[0] : "n/a";
    }

    @Test
    void downsampledHistoryOfAMillionPoints() {
        Api api = tokenApi();
        String runId = newRun(api);
        for (int i = 0; i < 100; i++) {
            assertThat(api.post("/api/v1/runs/" + runId + "/metrics", batch("val_loss", i * BATCH)).status())
                    .isEqualTo(200);
        }
        String path = "/api/v1/runs/" + runId + "/metrics/val_loss?maxPoints=1000";
        System.out.println("BENCH history (before vacuum): " + timings(api, path, 10, 30));
        jdbc.execute("vacuum analyze metric_points");
        System.out.println("BENCH history (after vacuum): " + timings(api, path, 10, 50));
        System.out.println("BENCH history full 1M points, JSON: " + timings(api,
                "/api/v1/runs/" + runId + "/metrics/val_loss?maxPoints=10000", 2, 10));
    }

    @Test
    void firstPageOfTenThousandRunsSortedByAMetric() {
        Api api = tokenApi();
        String experiment = api.post("/api/v1/projects/default/experiments",
                "{\"name\":\"bench-runs-" + UUID.randomUUID() + "\"}").json().path("id").asString();
        jdbc.update("""
                insert into runs (id, experiment_id, project_id, name, status, start_time, created_by)
                select gen_random_uuid(), e.id, e.project_id, 'run-' || g, 'succeeded',
                       now() - g * interval '1 minute', 'admin'
                from experiments e, generate_series(1, 10000) g where e.id = ?""", Long.parseLong(experiment));
        jdbc.update("""
                insert into metric_series (run_id, key, latest_value, latest_step, latest_ts, min_value, max_value,
                                           point_count)
                select r.id, 'm' || k, v, 10, 0, v, v, 1
                from runs r, generate_series(1, 20) k, lateral (select random() as v) x
                where r.experiment_id = ?""", Long.parseLong(experiment));
        jdbc.update("""
                insert into run_params (run_id, key, value)
                select r.id, 'p' || k, (random() * 10)::int::text from runs r, generate_series(1, 5) k
                where r.experiment_id = ?""", Long.parseLong(experiment));
        jdbc.execute("analyze runs");
        jdbc.execute("analyze metric_series");
        String body = "{\"experimentIds\":[\"" + experiment + "\"],\"orderBy\":[\"metrics.m7 DESC\"],\"pageSize\":50}";
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long start = System.nanoTime();
            Api.Response page = api.post("/api/v1/runs/search", body);
            long took = System.nanoTime() - start;
            assertThat(page.json().path("items")).hasSize(50);
            if (i >= 10) {
                samples.add(took);
            }
        }
        System.out.println("BENCH runs table (10,000 runs x 20 metrics, 50 sorted by a metric): " + summary(samples));
        String filtered = "{\"experimentIds\":[\"" + experiment + "\"],\"filter\":\"metrics.m3 > 0.5 and params.p1 = '4'\","
                + "\"orderBy\":[\"metrics.m7 DESC\"],\"pageSize\":50}";
        samples.clear();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            api.post("/api/v1/runs/search", filtered);
            if (i >= 10) {
                samples.add(System.nanoTime() - start);
            }
        }
        System.out.println("BENCH runs table filtered (metric and param): " + summary(samples));
    }

    private static String timings(Api api, String path, int warmup, int measured) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            long start = System.nanoTime();
            Api.Response response = api.get(path);
            long took = System.nanoTime() - start;
            assertThat(response.status()).isEqualTo(200);
            if (i >= warmup) {
                samples.add(took);
            }
        }
        return summary(samples);
    }

    private static String summary(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.95))] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

}
