package io.trainyard.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Datasets and versions through the REST API, against real PostgreSQL and the filesystem blob store. */
class DatasetApiTest extends IntegrationTest {

    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String newDataset() {
        String name = "ds-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = admin().post("/api/v1/projects/default/datasets",
                "{\"name\":\"" + name + "\",\"description\":\"test data\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    private Api.Response upload(String dataset, String filename, byte[] content) {
        return admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", filename, content).field("message", "from a test"));
    }

    private static JsonNode column(JsonNode version, String name) {
        for (JsonNode column : version.path("columns")) {
            if (column.path("name").asString().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in " + version);
    }

    @Test
    void uploadsProfilesAndServesAVersionAndDeduplicatesSameBytes() throws Exception {
        String dataset = newDataset();
        byte[] penguins = Files.readAllBytes(PENGUINS);

        Api.Response first = upload(dataset, "penguins.csv", penguins);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode v1 = first.json();
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("parentVersion").isNull()).isTrue();
        assertThat(v1.path("rowCount").asLong()).isEqualTo(344);
        assertThat(v1.path("sizeBytes").asLong()).isEqualTo(penguins.length);
        assertThat(v1.path("sha256").asString()).hasSize(64);
        assertThat(v1.path("createdBy").asString()).isEqualTo("admin");
        assertThat(v1.path("message").asString()).isEqualTo("from a test");
        assertThat(column(v1, "Species").path("type").asString()).isEqualTo("categorical");
        assertThat(column(v1, "Body Mass (g)").path("type").asString()).isEqualTo("numeric");
        assertThat(column(v1, "Body Mass (g)").path("numeric").path("quantiles").has("p50")).isTrue();

        Api.Response again = upload(dataset, "renamed.csv", penguins);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);

        byte[] fewer = firstLines(penguins, 101);
        Api.Response second = upload(dataset, "penguins-100.csv", fewer);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("version").asInt()).isEqualTo(2);
        assertThat(second.json().path("parentVersion").asInt()).isEqualTo(1);

        Api.Response content = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/1/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(penguins);
        assertThat(content.header("Content-Disposition")).contains(dataset + "-v1.csv");

        Api.Response diff = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/2/diff?against=1");
        assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
        assertThat(diff.json().path("rowsBefore").asLong()).isEqualTo(344);
        assertThat(diff.json().path("rowsAfter").asLong()).isEqualTo(100);
        assertThat(diff.json().path("rowsRemoved").asLong()).isEqualTo(244);
        assertThat(diff.json().path("rowsAdded").asLong()).isZero();

        Api.Response list = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions?pageSize=1");
        assertThat(list.json().path("items").get(0).path("version").asInt()).isEqualTo(2);
        assertThat(list.json().path("nextPageToken").asString()).isNotBlank();
        assertThat(admin().get("/api/v1/projects/default/datasets/" + dataset).json().path("latestVersion").asInt())
                .isEqualTo(2);
    }

    @Test
    void theCsvMayBeTheWholeRequestBody() throws Exception {
        String dataset = newDataset();
        byte[] penguins = Files.readAllBytes(PENGUINS);
        Api.Response raw = admin().postBody("/api/v1/projects/default/datasets/" + dataset
                + "/versions?filename=penguins.csv&message=raw&target=Species", "text/csv", penguins);
        assertThat(raw.status()).as(raw.toString()).isEqualTo(201);
        assertThat(raw.json().path("rowCount").asLong()).isEqualTo(344);
        assertThat(raw.json().path("originalFilename").asString()).isEqualTo("penguins.csv");
        assertThat(raw.json().path("quality").toString()).contains("class_imbalance");
        // the same bytes as multipart are the same version
        assertThat(upload(dataset, "again.csv", penguins).status()).isEqualTo(200);

        Api.Response bad = admin().postBody("/api/v1/projects/default/datasets/" + dataset + "/versions",
                "text/csv", "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asString()).contains("line 3");
        Api.Response badTarget = admin().postBody("/api/v1/projects/default/datasets/" + dataset
                + "/versions?target=nope", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badTarget.json().path("errors").get(0).path("field").asString()).isEqualTo("target");
    }

    @Test
    void concurrentUploadsOfTheSameBytesMakeOneVersion() throws Exception {
        String dataset = newDataset();
        byte[] penguins = Files.readAllBytes(PENGUINS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Api.Response> call = () -> upload(dataset, "p.csv", penguins);
                results.add(pool.submit(call));
            }
            int created = 0;
            for (Future<Api.Response> result : results) {
                Api.Response response = result.get();
                assertThat(response.status()).isIn(200, 201);
                assertThat(response.json().path("version").asInt()).isEqualTo(1);
                created += response.status() == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badFilesAreRefusedWithTheReasonAndNothingIsStored() {
        String dataset = newDataset();
        assertBadFile(dataset, new byte[0], "empty");
        assertBadFile(dataset, "a,b,c\n".getBytes(StandardCharsets.UTF_8), "no data rows");
        assertBadFile(dataset, "a,a,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8), "'a'");
        assertBadFile(dataset, "a,,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8), "empty name");
        Api.Response ragged = assertBadFile(dataset, "a,b,c\n1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8), "line 3");
        assertThat(ragged.json().path("errors").get(0).path("field").asString()).isEqualTo("file");
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        assertBadFile(dataset, binary, "not text");

        Api.Response versions = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions");
        assertThat(versions.json().path("items").size()).isZero();

        Api.Response noFile = admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().field("message", "no file"));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().path("errors").get(0).path("field").asString()).isEqualTo("file");
    }

    private Api.Response assertBadFile(String dataset, byte[] content, String reason) {
        Api.Response response = upload(dataset, "bad.csv", content);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(reason);
        return response;
    }

    @Test
    void aFilenameWithPathCharactersIsOnlyMetadata() throws Exception {
        String dataset = newDataset();
        Api.Response response = upload(dataset, "../../etc/passwd.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("originalFilename").asString()).isEqualTo("../../etc/passwd.csv");
        Api.Response content = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/1/content");
        assertThat(content.header("Content-Disposition")).contains(dataset + "-v1.csv").doesNotContain("passwd");
    }

    @Test
    void anOversizedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        String dataset = newDataset();
        String response = rawRequest("POST /api/v1/projects/default/datasets/" + dataset + "/versions HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: " + basicAdmin() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 3000000000\r\n\r\n", "--xyz\r\n");
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("application/problem+json", "limit");
    }

    @Test
    void anUploadCutOffMidBodyStoresNothing() throws Exception {
        String dataset = newDataset();
        String partial = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\na,b\n1,2\n3,";
        rawRequest("POST /api/v1/projects/default/datasets/" + dataset + "/versions HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: " + basicAdmin() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 100000\r\n\r\n", partial);
        Api.Response versions = admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions");
        assertThat(versions.json().path("items").size()).isZero();
    }

    @Test
    void onlyMembersSeeDatasetsAndViewersCannotUpload() {
        String dataset = newDataset();
        String user = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"correct-horse-battery\"}");
        Api outsider = api().basic(user, "correct-horse-battery");
        assertThat(outsider.get("/api/v1/projects/default/datasets/" + dataset).status()).isEqualTo(404);
        assertThat(outsider.get("/api/v1/projects/default/datasets").status()).isEqualTo(404);

        admin().put("/api/v1/projects/default/members/" + user, "{\"role\":\"viewer\"}");
        assertThat(outsider.get("/api/v1/projects/default/datasets/" + dataset).status()).isEqualTo(200);
        Api.Response upload = outsider.upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "a.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.status()).isEqualTo(403);
    }

    @Test
    void datasetNamesAreValidatedAndUnique() {
        Api.Response bad = admin().post("/api/v1/projects/default/datasets", "{\"name\":\"../evil\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        String dataset = newDataset();
        assertThat(admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}").status())
                .isEqualTo(409);
        assertThat(admin().get("/api/v1/projects/default/datasets/" + dataset + "/versions/7").status())
                .isEqualTo(404);
    }

    @Test
    void deletingADatasetKeepsBlobsThatAnotherDatasetStillUses() throws Exception {
        byte[] penguins = Files.readAllBytes(PENGUINS);
        String kept = newDataset();
        String deleted = newDataset();
        upload(kept, "p.csv", penguins);
        upload(deleted, "p.csv", penguins);

        assertThat(admin().delete("/api/v1/projects/default/datasets/" + deleted).status()).isEqualTo(204);

        assertThat(admin().get("/api/v1/projects/default/datasets/" + deleted).status()).isEqualTo(404);
        Api.Response content = admin().get("/api/v1/projects/default/datasets/" + kept + "/versions/1/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(penguins);
    }

    private static byte[] firstLines(byte[] content, int lines) {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = 0;
        for (int i = 0; i < lines; i++) {
            end = text.indexOf('\n', end) + 1;
        }
        return text.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes and closes the sending side, as a client that dies mid-upload would. */
    private String rawRequest(String head, String partialBody) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(partialBody.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
