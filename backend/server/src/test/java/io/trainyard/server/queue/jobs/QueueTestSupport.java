package io.trainyard.server.queue.jobs;

import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.TokenScope;
import io.trainyard.server.queue.ExecutorSpec;
import io.trainyard.server.queue.JobId;
import io.trainyard.server.queue.JobQueue;
import io.trainyard.server.queue.JobRequest;
import io.trainyard.server.support.IntegrationTest;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shared helpers of the queue tests. Every test's jobs carry a label of its own and its executors advertise
 * only that label, so tests never claim each other's jobs (jobs without labels are never left queued).
 */
abstract class QueueTestSupport extends IntegrationTest {

    static final long DEFAULT_PROJECT = 1;

    @Autowired
    JobQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeaseRescuer rescuer;

    final String label = "t-" + UUID.randomUUID().toString().substring(0, 8);

    JobRequest job(String spec) {
        return JobRequest.of("diagnostic", spec, DEFAULT_PROJECT).withResources(0, List.of(label))
                .withRequestedBy("admin");
    }

    long executor(int gpus) {
        return queue.registerExecutor(new ExecutorSpec("test-" + label, gpus, List.of(label), 1, null, false),
                "admin");
    }

    /** Makes the job's lease look expired, as if its executor had stopped heartbeating long ago. */
    void expireLease(JobId id) {
        jdbc.sql("update jobs set lease_expires_at = now() - interval '1 second' where id = :id")
                .param("id", id.value()).update();
    }

    /** Makes a retry that waits for its backoff due now. */
    void makeDue(JobId id) {
        jdbc.sql("update jobs set not_before = now() where id = :id").param("id", id.value()).update();
    }

    String executorToken() {
        return adminClient().createToken(new CreateTokenRequest("executor-" + label, Set.of(TokenScope.EXECUTOR), 1))
                .token();
    }

    private TrainyardClient adminClient;

    TrainyardClient adminClient() {
        if (adminClient == null) {
            adminClient = new TrainyardClient(URI.create(baseUrl()), adminToken());
        }
        return adminClient;
    }

    private String adminToken() {
        return api().basic("admin", ADMIN_PASSWORD)
                .post("/api/v1/tokens", "{\"name\":\"admin-" + label + "\",\"scopes\":[\"read\",\"write\",\"admin\"],"
                        + "\"expiresInDays\":1}")
                .json().path("token").asString();
    }
}
