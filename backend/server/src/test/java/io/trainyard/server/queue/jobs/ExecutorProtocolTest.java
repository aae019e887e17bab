package io.trainyard.server.queue.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.CompleteJobRequest;
import io.trainyard.client.model.HeartbeatRequest;
import io.trainyard.client.model.Job;
import io.trainyard.client.model.JobEvent;
import io.trainyard.client.model.JobOutcome;
import io.trainyard.client.model.JobResources;
import io.trainyard.client.model.JobState;
import io.trainyard.client.model.RegisterExecutorRequest;
import io.trainyard.client.model.SubmitJobRequest;
import io.trainyard.executor.Executor;
import io.trainyard.executor.ExecutorSettings;
import io.trainyard.server.support.Api;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The executor protocol over HTTP, with the real executor engine where it matters. */
class ExecutorProtocolTest extends QueueTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Job submit(String spec, int maxAttempts) {
        return adminClient().submitJob(new SubmitJobRequest("default", "diagnostic", JSON.readTree(spec), 0,
                new JobResources(0, List.of(label)), maxAttempts, null), null);
    }

    private Executor startExecutor(String token) {
        Executor executor = new Executor(new ExecutorSettings(URI.create(baseUrl()), token, "exec-" + label, "0",
                List.of(label), 1, Duration.ofSeconds(5), Duration.ofSeconds(5), false), Executor.discoverHandlers());
        executor.start();
        return executor;
    }

    @Test
    void poisonJobIsBoundedByMaxAttempts() {
        Executor executor = startExecutor(executorToken());
        try {
            Job job = submit("{\"fail\": true, \"devices\": false}", 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> adminClient().job(job.id()).state() == JobState.FAILED);
            Job failed = adminClient().job(job.id());
            assertThat(failed.attempt()).isEqualTo(3);
            assertThat(failed.lastError()).contains("asked to fail (attempt 3)");
            assertThat(failed.events()).extracting(JobEvent::to).containsExactly(JobState.QUEUED, JobState.RUNNING,
                    JobState.QUEUED, JobState.RUNNING, JobState.QUEUED, JobState.RUNNING, JobState.FAILED);
        } finally {
            executor.stop();
        }
    }

    @Test
    void gracefulShutdownReleasesTheLeaseWithoutSpendingAnAttempt() {
        Executor executor = startExecutor(executorToken());
        Job job = submit("{\"sleepMs\": 60000, \"devices\": false}", 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> adminClient().job(job.id()).state() == JobState.RUNNING);
        long started = System.nanoTime();
        executor.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        Job released = adminClient().job(job.id());
        assertThat(released.state()).isEqualTo(JobState.QUEUED);
        assertThat(released.attempt()).isZero();
        assertThat(released.events().get(released.events().size() - 1).reason()).startsWith("released");
        adminClient().cancelJob(job.id());
    }

    @Test
    void runningJobCancelledThroughTheApiEndsCancelled() {
        Executor executor = startExecutor(executorToken());
        try {
            Job job = submit("{\"sleepMs\": 60000, \"devices\": false}", 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> adminClient().job(job.id()).state() == JobState.RUNNING);
            Job cancelling = adminClient().cancelJob(job.id());
            assertThat(cancelling.cancelRequested()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> adminClient().job(job.id()).state()
                    == JobState.CANCELLED);
        } finally {
            executor.stop();
        }
    }

    @Test
    void staleLeaseTokensGet409OverHttp() {
        TrainyardClient client = new TrainyardClient(URI.create(baseUrl()), executorToken());
        long executor = client.registerExecutor(new RegisterExecutorRequest("http-" + label, 0, List.of(label), 1,
                null, false)).executorId();
        Job job = submit("{}", 3);
        ClaimedJob claimed = client.claim(executor, 5).orElseThrow();
        assertThat(claimed.jobId()).isEqualTo(job.id());
        assertThat(client.heartbeat(job.id(), new HeartbeatRequest(claimed.leaseToken(), 0.5, "half")).cancelRequested())
                .isFalse();
        assertThat(adminClient().job(job.id()).progressMessage()).isEqualTo("half");

        String stale = UUID.randomUUID().toString();
        assertThatThrownBy(() -> client.heartbeat(job.id(), new HeartbeatRequest(stale, null, null)))
                .isInstanceOfSatisfying(TrainyardApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> client.complete(job.id(), new CompleteJobRequest(stale, JobOutcome.SUCCEEDED, null)))
                .isInstanceOfSatisfying(TrainyardApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        client.complete(job.id(), new CompleteJobRequest(claimed.leaseToken(), JobOutcome.SUCCEEDED, null));
        assertThat(adminClient().job(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
        // nothing more to claim: the long poll answers 204 after its wait
        assertThat(client.claim(executor, 1)).isEmpty();
    }

    @Test
    void onlyExecutorTokensAndAdminsSpeakTheProtocolAndOnlyAdminsSubmit() {
        String read = api().basic("admin", ADMIN_PASSWORD).post("/api/v1/tokens",
                "{\"name\":\"read-" + label + "\",\"scopes\":[\"read\"]}").json().path("token").asString();
        Api reader = api().bearer(read);
        assertThat(reader.post("/api/v1/executors/register", "{\"name\":\"x\",\"gpus\":0}").status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/jobs", "{\"kind\":\"diagnostic\"}").status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/executors").status()).isEqualTo(200);

        Api executor = api().bearer(executorToken());
        assertThat(executor.get("/api/v1/jobs").status()).isEqualTo(403);
        assertThat(executor.post("/api/v1/jobs", "{\"kind\":\"diagnostic\"}").status()).isEqualTo(403);
        assertThat(executor.post("/api/v1/executors/register", "{\"name\":\"x\",\"gpus\":0}").status()).isEqualTo(201);
    }

    @Test
    void submissionValidatesAndHonoursIdempotencyKeys() {
        Api admin = api().basic("admin", ADMIN_PASSWORD);
        Api.Response badKind = admin.post("/api/v1/jobs", "{\"kind\":\"training\"}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().path("errors").get(0).path("field").asString()).isEqualTo("kind");
        Api.Response badGpus = admin.post("/api/v1/jobs", "{\"kind\":\"diagnostic\",\"resources\":{\"gpus\":9}}");
        assertThat(badGpus.status()).isEqualTo(400);
        assertThat(badGpus.json().path("errors").get(0).path("field").asString()).isEqualTo("resources.gpus");

        String key = "idem-" + label;
        String body = "{\"kind\":\"diagnostic\",\"spec\":{\"devices\":false},\"resources\":{\"labels\":[\"" + label
                + "\"]}}";
        Api.Response first = admin.send("POST", "/api/v1/jobs", body);
        assertThat(first.status()).isEqualTo(201);
        Job again = adminClient().submitJob(new SubmitJobRequest(null, "diagnostic", null, null,
                new JobResources(0, List.of(label)), null, null), null);
        assertThat(again.id()).isNotEqualTo(first.json().path("id").asLong());
        Job keyed = adminClient().submitJob(new SubmitJobRequest(null, "diagnostic", null, null,
                new JobResources(0, List.of(label)), null, null), key);
        Job keyedAgain = adminClient().submitJob(new SubmitJobRequest(null, "diagnostic", null, null,
                new JobResources(0, List.of(label)), null, null), key);
        assertThat(keyedAgain.id()).isEqualTo(keyed.id());
        for (long id : List.of(first.json().path("id").asLong(), again.id(), keyed.id())) {
            adminClient().cancelJob(id);
        }
    }

    @Test
    void aJobNoExecutorCanRunSaysSo() {
        executor(1); // one executor has the label, none has 7 GPUs
        Job job = adminClient().submitJob(new SubmitJobRequest(null, "diagnostic", null, null,
                new JobResources(7, List.of(label)), null, null), null);
        assertThat(job.unrunnable()).isEqualTo("no executor with 7 GPUs");
        assertThat(job.position()).isNotNull();
        Job higher = adminClient().setJobPriority(job.id(), 100);
        assertThat(higher.priority()).isEqualTo(100);
        assertThat(higher.position()).isEqualTo(1);
        adminClient().cancelJob(job.id());
        assertThatThrownBy(() -> adminClient().setJobPriority(job.id(), 1))
                .isInstanceOfSatisfying(TrainyardApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
