package io.trainyard.client;

import io.trainyard.client.model.ClaimedJob;
import io.trainyard.client.model.CompleteJobRequest;
import io.trainyard.client.model.CreateProjectRequest;
import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.CreateUserRequest;
import io.trainyard.client.model.CreatedToken;
import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.ExecutorView;
import io.trainyard.client.model.HeartbeatAnswer;
import io.trainyard.client.model.HeartbeatRequest;
import io.trainyard.client.model.Job;
import io.trainyard.client.model.JobState;
import io.trainyard.client.model.LogMetricsRequest;
import io.trainyard.client.model.LoggedMetrics;
import io.trainyard.client.model.Me;
import io.trainyard.client.model.MemberRequest;
import io.trainyard.client.model.MemberView;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.ProjectView;
import io.trainyard.client.model.RegisterExecutorRequest;
import io.trainyard.client.model.RegisteredExecutor;
import io.trainyard.client.model.ReleaseJobRequest;
import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import io.trainyard.client.model.SubmitJobRequest;
import io.trainyard.client.model.TokenInfo;
import io.trainyard.client.model.UpdateJobRequest;
import io.trainyard.client.model.UpdateRunRequest;
import io.trainyard.client.model.UserView;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the Trainyard REST API (v1), on the JDK's HttpClient. Authenticates with an API token
 * as a Bearer credential. Thread-safe.
 */
public final class TrainyardClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public TrainyardClient(URI baseUrl, String token) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = token;
        // HTTP/1.1: the server speaks no cleartext HTTP/2, so an upgrade attempt per connection only costs time
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Me me() {
        return send("GET", "api/v1/me", null, new TypeReference<>() { });
    }

    public CreatedToken createToken(CreateTokenRequest request) {
        return send("POST", "api/v1/tokens", request, new TypeReference<>() { });
    }

    public List<TokenInfo> tokens() {
        return send("GET", "api/v1/tokens", null, new TypeReference<>() { });
    }

    public void revokeToken(long id) {
        send("DELETE", "api/v1/tokens/" + id, null, new TypeReference<JsonNode>() { });
    }

    public Page<ProjectView> projects(String pageToken) {
        String query = pageToken == null ? "" : "?pageToken=" + encode(pageToken);
        return send("GET", "api/v1/projects" + query, null, new TypeReference<>() { });
    }

    public ProjectView project(String key) {
        return send("GET", "api/v1/projects/" + encode(key), null, new TypeReference<>() { });
    }

    public ProjectView createProject(CreateProjectRequest request) {
        return send("POST", "api/v1/projects", request, new TypeReference<>() { });
    }

    public MemberView setMember(String project, String username, ProjectRole role) {
        return send("PUT", "api/v1/projects/" + encode(project) + "/members/" + encode(username),
                new MemberRequest(role), new TypeReference<>() { });
    }

    public UserView createUser(CreateUserRequest request) {
        return send("POST", "api/v1/users", request, new TypeReference<>() { });
    }

    // --- datasets ---

    public DatasetVersion datasetVersion(String project, String dataset, int version) {
        return send("GET", datasetVersionPath(project, dataset, version), null, new TypeReference<>() { });
    }

    /** The version's original bytes (CSV). */
    public byte[] datasetContent(String project, String dataset, int version) {
        return sendBytes("GET", datasetVersionPath(project, dataset, version) + "/content", null, null);
    }

    /**
     * The server's deterministic split of a version: {@code validation} and {@code test} fractions,
     * {@code stratify} a column name or null, {@code seed}.
     */
    public DatasetSplitView datasetSplit(String project, String dataset, int version, double validation,
                                         double test, String stratify, long seed) {
        String query = "?validation=" + validation + "&test=" + test
                + (stratify == null ? "" : "&stratify=" + encode(stratify)) + "&seed=" + seed;
        return send("GET", datasetVersionPath(project, dataset, version) + "/split" + query, null,
                new TypeReference<>() { });
    }

    private static String datasetVersionPath(String project, String dataset, int version) {
        return "api/v1/projects/" + encode(project) + "/datasets/" + encode(dataset) + "/versions/" + version;
    }

    // --- runs ---

    public Run run(String runId) {
        return send("GET", "api/v1/runs/" + encode(runId), null, new TypeReference<>() { });
    }

    /** {@code PATCH /runs/{id}}: status, name and tags (null fields are left as they are). */
    public Run updateRun(String runId, UpdateRunRequest request) {
        return send("PATCH", "api/v1/runs/" + encode(runId), request, new TypeReference<>() { });
    }

    /** Up to 10,000 points, written all or nothing; resent points count as duplicates. */
    public LoggedMetrics logMetrics(String runId, LogMetricsRequest request) {
        return send("POST", "api/v1/runs/" + encode(runId) + "/metrics", request, new TypeReference<>() { });
    }

    /** Stores (or replaces) the artifact at {@code path} (slash-separated, relative). */
    public RunArtifact putArtifact(String runId, String path, byte[] content, String mediaType) {
        byte[] answer = sendBytes("PUT", artifactPath(runId, path), content,
                mediaType == null ? "application/octet-stream" : mediaType);
        return answer == null || answer.length == 0 ? null : json.readValue(answer, RunArtifact.class);
    }

    /** The artifact's bytes, or empty when the run has none at {@code path} (404). */
    public Optional<byte[]> artifact(String runId, String path) {
        try {
            return Optional.of(sendBytes("GET", artifactPath(runId, path), null, null));
        } catch (TrainyardApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String artifactPath(String runId, String path) {
        return "api/v1/runs/" + encode(runId) + "/artifacts/"
                + Arrays.stream(path.split("/")).map(TrainyardClient::encode).collect(Collectors.joining("/"));
    }

    // --- the job queue ---

    /** Submits a job (admins; kind {@code diagnostic}). The same {@code idempotencyKey} returns the same job. */
    public Job submitJob(SubmitJobRequest request, String idempotencyKey) {
        return send("POST", "api/v1/jobs", request, new TypeReference<>() { }, TIMEOUT,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    public Job job(long id) {
        return send("GET", "api/v1/jobs/" + id, null, new TypeReference<>() { });
    }

    public Page<Job> jobs(JobState state, String pageToken) {
        String query = "?pageSize=100" + (state == null ? "" : "&status=" + state.wireName())
                + (pageToken == null ? "" : "&pageToken=" + encode(pageToken));
        return send("GET", "api/v1/jobs" + query, null, new TypeReference<>() { });
    }

    public Job cancelJob(long id) {
        return send("POST", "api/v1/jobs/" + id + "/cancel", null, new TypeReference<>() { });
    }

    public Job setJobPriority(long id, int priority) {
        return send("PATCH", "api/v1/jobs/" + id, new UpdateJobRequest(priority), new TypeReference<>() { });
    }

    public List<ExecutorView> executors() {
        return send("GET", "api/v1/executors", null, new TypeReference<>() { });
    }

    // --- the executor protocol (executor-scoped token) ---

    public RegisteredExecutor registerExecutor(RegisterExecutorRequest request) {
        return send("POST", "api/v1/executors/register", request, new TypeReference<>() { });
    }

    /** Marks the executor stopped (graceful shutdown), so the queue page stops counting it. */
    public void deregisterExecutor(long executorId) {
        send("DELETE", "api/v1/executors/" + executorId, null, new TypeReference<JsonNode>() { });
    }

    /**
     * Long-polls for a job: the server answers as soon as one is available for this executor, or empty after
     * {@code waitSeconds}.
     */
    public Optional<ClaimedJob> claim(long executorId, int waitSeconds) {
        return Optional.ofNullable(send("POST", "api/v1/executors/" + executorId + "/claim?waitSeconds=" + waitSeconds,
                null, new TypeReference<ClaimedJob>() { }, TIMEOUT.plusSeconds(waitSeconds), Map.of()));
    }

    /** Extends the lease. A 409 ({@link TrainyardApiException#status()}) means the lease is lost: stop. */
    public HeartbeatAnswer heartbeat(long jobId, HeartbeatRequest request) {
        return send("POST", "api/v1/jobs/" + jobId + "/heartbeat", request, new TypeReference<>() { });
    }

    public void complete(long jobId, CompleteJobRequest request) {
        send("POST", "api/v1/jobs/" + jobId + "/complete", request, new TypeReference<JsonNode>() { });
    }

    public void release(long jobId, ReleaseJobRequest request) {
        send("POST", "api/v1/jobs/" + jobId + "/release", request, new TypeReference<JsonNode>() { });
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        return send(method, path, body, type, TIMEOUT, Map.of());
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type, Duration timeout,
                       Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TrainyardApiException(0, "server unreachable: " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainyardApiException(0, "interrupted", "");
        }
        if (response.statusCode() >= 400) {
            throw new TrainyardApiException(response.statusCode(), detailOf(response.body()), response.body());
        }
        if (response.body().isEmpty()) {
            return null;
        }
        return json.readValue(response.body(), type);
    }

    /** Raw bytes in and out (artifacts, dataset content); errors as {@link TrainyardApiException}. */
    private byte[] sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TrainyardApiException(0, "server unreachable: " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainyardApiException(0, "interrupted", "");
        }
        if (response.statusCode() >= 400) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new TrainyardApiException(response.statusCode(), detailOf(text), text);
        }
        return response.body();
    }

    private String detailOf(String body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem.path("detail").asString(body);
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
