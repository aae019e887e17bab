package io.trainyard.server.queue.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.CompleteJobRequest;
import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.RegisterExecutorRequest;
import io.trainyard.executor.Executor;
import io.trainyard.executor.ExecutorSettings;
import io.trainyard.server.queue.ExecutorSpec;
import io.trainyard.server.queue.JobCompletion;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.queue.Lease;
import io.trainyard.server.security.ExecutorCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue's figures for docs/performance.md; run by scripts/bench-queue.sh, never by the normal build.
 * A PostgreSQL of its own, with fsync on (durable, as installs run) or off (the library's test settings,
 * as db-scheduler's published figures), chosen with {@code -Dbench.fsync=on|off}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "trainyard.queue.lease-duration=PT60S", "trainyard.queue.rescue-interval=PT5S",
        "trainyard.executor.embedded.workers=0", "logging.level.root=WARN",
        "spring.datasource.hikari.maximum-pool-size=20"})
class QueueBenchmark {

    private static final boolean FSYNC = !"off".equals(System.getProperty("bench.fsync", "on"));
    private static final int JOBS = Integer.getInteger("bench.jobs", 20_000);
    private static final StringBuilder REPORT = new StringBuilder();
    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @Autowired
    JobQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    ExecutorCredentials credentials;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        String on = FSYNC ? "on" : "off";
        builder.setServerConfig("fsync", on).setServerConfig("synchronous_commit", on)
                .setServerConfig("full_page_writes", on).setServerConfig("max_connections", "200");
        postgres = builder.start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("trainyard.admin-password", () -> "bench-admin-password");
        registry.add("trainyard.data-dir", () -> tempDir().toString());
    }

    @Test
    void measure() throws Exception {
        line("PostgreSQL 17.7 embedded, fsync=" + (FSYNC ? "on" : "off") + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + JOBS + " no-op jobs per throughput run");
        String token = credentials.issueEmbeddedExecutorToken("bench");
        // -Dbench.only=http: the HTTP figures only; =facade: facade and peer throughput only (quick iterations)
        String only = System.getProperty("bench.only", "");
        boolean httpOnly = "http".equals(only);
        // first, while the database is quiet (no autovacuum after the throughput runs)
        if (only.isEmpty()) {
            idleCost(token, 4, Duration.ofSeconds(30));
        }
        for (int batch : httpOnly ? new int[0] : new int[] {1, 32}) {
            enqueue(JOBS);
            long[] cpu = cpu();
            double rate = drainThroughFacade(8, batch, false);
            line(String.format(Locale.ROOT, "facade, 8 claimers, claim up to %d per statement: %.0f jobs/s%s", batch, rate,
                    cpuPerJob(cpu, JOBS)));
        }
        if (!httpOnly) {
            enqueue(JOBS);
            long[] cpu = cpu();
            double rate = drainThroughFacade(8, 32, true);
            line(String.format(Locale.ROOT, "facade, 8 claimers, claim up to 32 per statement, each claimed batch "
                    + "completed with one completeAll call: %.0f jobs/s%s", rate, cpuPerJob(cpu, JOBS)));
        }
        if (!httpOnly) {
            long[] cpu = cpu();
            double peer = drainThroughDbScheduler(8, JOBS);
            line(String.format(Locale.ROOT, "peer: db-scheduler 16.7.1 lock-and-fetch, 8 threads, same database: %.0f jobs/s%s",
                    peer, cpuPerJob(cpu, JOBS)));
        }
        if (!"facade".equals(only)) {
            int httpJobs = Math.min(JOBS, 5000);
            enqueue(httpJobs);
            long[] cpu = cpu();
            double http = drainOverHttp(token, 8, httpJobs);
            line(String.format(Locale.ROOT, "HTTP, 8 claimers (claim + complete requests): %.0f jobs/s%s", http,
                    cpuPerJob(cpu, httpJobs)));
            pickupLatency(token, 500);
        }
        Path out = Path.of("target", "bench-queue-fsync-" + (FSYNC ? "on" : "off") + (only.isEmpty() ? "" : "-" + only)
                + ".txt");
        Files.writeString(out, REPORT);
        System.out.println("\n==== queue benchmark ====\n" + REPORT);
    }

    private void enqueue(int jobs) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (int done = 0; done < jobs; done += 1000) {
            int count = Math.min(1000, jobs - done);
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < count; i++) {
                    queue.enqueue(JobRequest.of("noop", "{}", 1));
                }
            });
        }
    }

    /** {@code together}: complete a claimed batch with one completeAll call, else each job with complete. */
    private double drainThroughFacade(int claimers, int batch, boolean together) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<Long>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < claimers; t++) {
            long executor = queue.registerExecutor(new ExecutorSpec("bench", 0, List.of(), batch, null, false), "admin");
            results.add(pool.submit(() -> {
                long done = 0;
                while (true) {
                    List<Lease> leases = queue.claim(executor, batch);
                    if (leases.isEmpty()) {
                        return done;
                    }
                    if (together) {
                        List<JobCompletion> completions = leases.stream().map(lease -> new JobCompletion(
                                lease.jobId(), lease.token(), JobOutcome.SUCCEEDED, null)).toList();
                        if (!queue.completeAll(completions).isEmpty()) {
                            throw new IllegalStateException("a lease went stale during the benchmark");
                        }
                        done += leases.size();
                        continue;
                    }
                    for (Lease lease : leases) {
                        queue.complete(lease.jobId(), lease.token(), JobOutcome.SUCCEEDED, null);
                        done++;
                    }
                }
            }));
        }
        long total = 0;
        for (Future<Long> result : results) {
            total += result.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /**
     * The peer, measured in the same run against the same PostgreSQL: db-scheduler with 8 threads polling with
     * lock-and-fetch (one statement locks and returns up to 4 × 8 due executions, refetching when fewer than
     * 4 are left), no-op one-time tasks; it deletes each execution when done.
     */
    private double drainThroughDbScheduler(int threads, int jobs) throws Exception {
        jdbc.sql("""
                create table if not exists scheduled_tasks (
                    task_name text not null, task_instance text not null, task_data bytea,
                    execution_time timestamp with time zone not null, picked boolean not null, picked_by text,
                    last_success timestamp with time zone, last_failure timestamp with time zone,
                    consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,
                    priority smallint, primary key (task_name, task_instance));
                create index if not exists execution_time_idx on scheduled_tasks (execution_time);
                create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat);
                create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)""")
                .update();
        jdbc.sql("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                + "select 'bench-noop', 'job-' || g, now(), false, 1, 0 from generate_series(1, :jobs) g")
                .param("jobs", jobs).update();
        jdbc.sql("analyze scheduled_tasks").update();
        CountDownLatch executed = new CountDownLatch(jobs);
        OneTimeTask<Void> noop = Tasks.oneTime("bench-noop").execute((instance, context) -> executed.countDown());
        Scheduler scheduler = Scheduler.create(dataSource, noop).threads(threads).pollUsingLockAndFetch(0.5, 4.0)
                .pollingInterval(Duration.ofSeconds(1)).build();
        long started = System.nanoTime();
        scheduler.start();
        if (!executed.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("db-scheduler did not finish");
        }
        // each execution is deleted right after it ran: done when the table is empty
        while (jdbc.sql("select count(*) from scheduled_tasks").query(Long.class).single() > 0) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        scheduler.stop();
        return jobs / seconds;
    }

    private double drainOverHttp(String token, int claimers, int jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<Long>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < claimers; t++) {
            TrainyardClient client = new TrainyardClient(URI.create("http://127.0.0.1:" + port), token);
            long executor = client.registerExecutor(new RegisterExecutorRequest("bench-http", 0, List.of(), 1, null,
                    false)).executorId();
            results.add(pool.submit(() -> {
                long done = 0;
                while (true) {
                    Optional<ClaimedJob> job = client.claim(executor, 0);
                    if (job.isEmpty()) {
                        return done;
                    }
                    client.complete(job.get().jobId(), new CompleteJobRequest(job.get().leaseToken(),
                            JobOutcome.SUCCEEDED, null));
                    done++;
                }
            }));
        }
        long total = 0;
        for (Future<Long> result : results) {
            total += result.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /** Submit (facade, committed) to the moment an idle executor's long poll over HTTP returns the job. */
    private void pickupLatency(String token, int samples) throws Exception {
        TrainyardClient client = new TrainyardClient(URI.create("http://127.0.0.1:" + port), token);
        long executor = client.registerExecutor(new RegisterExecutorRequest("bench-latency", 0, List.of(), 1, null,
                false)).executorId();
        ConcurrentHashMap<Long, Long> received = new ConcurrentHashMap<>();
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Optional<ClaimedJob> job = client.claim(executor, 20);
                    if (job.isPresent()) {
                        long at = System.nanoTime();
                        received.put(job.get().jobId(), at);
                        arrivals.add(at);
                        client.complete(job.get().jobId(), new CompleteJobRequest(job.get().leaseToken(),
                                JobOutcome.SUCCEEDED, null));
                    }
                } catch (RuntimeException e) {
                    return;
                }
            }
        });
        poller.start();
        Thread.sleep(500);
        long[] latencies = new long[samples];
        for (int i = 0; i < samples; i++) {
            long submitted = System.nanoTime();
            long id = queue.enqueue(JobRequest.of("noop", "{}", 1)).value();
            Long at = arrivals.poll(10, TimeUnit.SECONDS);
            if (at == null || !received.containsKey(id)) {
                throw new IllegalStateException("job " + id + " was not picked up");
            }
            latencies[i] = at - submitted;
            Thread.sleep(20); // the executor is back in its long poll, idle
        }
        poller.interrupt();
        Arrays.sort(latencies);
        line(String.format(Locale.ROOT, "pickup latency, submit to claim over HTTP (%d samples): p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms", samples, latencies[samples / 2] / 1e6, latencies[samples * 99 / 100] / 1e6,
                latencies[samples - 1] / 1e6));
    }

    /** Transactions PostgreSQL commits per second while executors wait for work that never comes. */
    private void idleCost(String token, int executors, Duration window) throws Exception {
        List<Executor> idle = new ArrayList<>();
        for (int i = 0; i < executors; i++) {
            Executor executor = new Executor(new ExecutorSettings(URI.create("http://127.0.0.1:" + port + "/"), token,
                    "idle-" + i, "0", List.of("never-matches-" + i), 1, Duration.ofSeconds(20), Duration.ofSeconds(5),
                    false), List.of());
            executor.start();
            idle.add(executor);
        }
        Thread.sleep(5000);
        long before = transactions();
        long started = System.nanoTime();
        Thread.sleep(window.toMillis());
        long after = transactions();
        double seconds = (System.nanoTime() - started) / 1e9;
        idle.forEach(Executor::stop);
        // minus the two transactions of the measurement itself
        line(String.format(Locale.ROOT, "idle cost, %d executors long-polling (20 s) + rescuer (5 s): "
                + "%.2f transactions/s over %.0f s", executors, (after - before - 2) / seconds, seconds));
    }

    private long transactions() {
        jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
        return jdbc.sql("select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")
                .query(Long.class).single();
    }

    /** CPU time used so far: this JVM (server and clients) and the database's processes, in nanoseconds. */
    private long[] cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long ticks = 0;
        // the postmaster's children: backends and background processes (Linux /proc; 0 elsewhere)
        for (int pid : jdbc.sql("select pid from pg_stat_activity").query(Integer.class).list()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
        }
        return new long[] {jvm, ticks * 10_000_000L};
    }

    /**
     * CPU per job since {@code before} (clock ticks of 10 ms for PostgreSQL; backends that exited in between
     * are not counted).
     */
    private String cpuPerJob(long[] before, int jobs) {
        long[] now = cpu();
        return String.format(Locale.ROOT, " (CPU per job: JVM %.2f ms, PostgreSQL %.2f ms)",
                (now[0] - before[0]) / 1e6 / jobs, (now[1] - before[1]) / 1e6 / jobs);
    }

    private static void line(String text) {
        REPORT.append(text).append('\n');
        System.out.println("[bench] " + text);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("trainyard-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
