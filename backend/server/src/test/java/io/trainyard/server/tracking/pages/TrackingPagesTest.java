package io.trainyard.server.tracking.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.UiSession;
import io.trainyard.server.support.Multipart;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tracking pages over plain HTTP with a signed-in browser session, against real runs and metrics. */
class TrackingPagesTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();


    private String experimentId;
    private String experimentName;
    private String good;
    private String bad;
    private String dataset;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @BeforeEach
    void data() throws Exception {
        dataset = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response version = admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "tiny.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);

        experimentName = "pages-" + UUID.randomUUID();
        Api.Response created = admin().post("/api/v1/projects/default/experiments",
                "{\"name\":\"" + experimentName + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        experimentId = created.json().path("id").asString();
        good = run("good-run", "0.01", "adam", 0.9, "{\"dataset\":\"" + dataset + "\",\"version\":1}");
        bad = run("bad-run", "0.1", "sgd", 0.2, null);
        ui().signIn("admin", ADMIN_PASSWORD);
    }

    private String run(String name, String lr, String optimizer, double acc, String input) {
        Api.Response run = admin().post("/api/v1/experiments/" + experimentId + "/runs",
                "{\"name\":\"" + name + "\",\"params\":{\"lr\":\"" + lr + "\",\"optimizer\":\"" + optimizer + "\"}"
                        + (input == null ? "" : ",\"inputs\":[" + input + "]") + "}");
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        String id = run.json().path("id").asString();
        StringBuilder points = new StringBuilder("{\"metrics\":[");
        for (int step = 0; step < 1000; step++) {
            points.append(step == 0 ? "" : ",").append("{\"key\":\"loss\",\"value\":").append(1.0 / (step + 1))
                    .append(",\"step\":").append(step).append('}');
        }
        points.append(",{\"key\":\"acc\",\"value\":").append(acc).append(",\"step\":999}]}");
        assertThat(admin().post("/api/v1/runs/" + id + "/metrics", points.toString()).status()).isEqualTo(200);
        return id;
    }

    @Test
    void experimentPageShowsRunsFiltersSortsAndChoosesColumns() throws Exception {
        HttpResponse<String> page = ui().get("/experiments/" + experimentId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"runs-table\"", "good-run", "bad-run", "status-running",
                ">acc", ">loss", ">lr", ">optimizer", "aria-sort=\"none\"");

        String filtered = ui().get("/experiments/" + experimentId + "?filter=" + enc("metrics.acc > 0.5")).body();
        assertThat(filtered).contains("good-run").doesNotContain("bad-run").doesNotContain("filter-error");

        String ascending = ui().get("/experiments/" + experimentId + "?orderBy=" + enc("metrics.acc ASC")).body();
        assertThat(ascending.indexOf("bad-run")).isLessThan(ascending.indexOf("good-run"));
        assertThat(ascending).contains("aria-sort=\"ascending\"");
        String descending = ui().get("/experiments/" + experimentId + "?orderBy=" + enc("metrics.acc DESC")).body();
        assertThat(descending.indexOf("good-run")).isLessThan(descending.indexOf("bad-run"));

        String columns = ui().get("/experiments/" + experimentId + "?metrics=acc&params=lr").body();
        assertThat(columns).contains("data-sort-key=\"metrics.acc\"", "data-sort-key=\"params.lr\"")
                .doesNotContain("data-sort-key=\"metrics.loss\"", "data-sort-key=\"params.optimizer\"");
    }

    @Test
    void aBadFilterIsShownInlineNotAsAnErrorPage() throws Exception {
        HttpResponse<String> page = ui().get("/experiments/" + experimentId + "?filter=" + enc("metrics.acc >>> 'x"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"filter-error\"", "filter:", "data-testid=\"run-search\"",
                "aria-invalid=\"true\"").doesNotContain("data-testid=\"runs-table\"");
        HttpResponse<String> badOrder = ui().get("/experiments/" + experimentId + "?orderBy=" + enc("nonsense.x DESC"));
        assertThat(badOrder.statusCode()).isEqualTo(200);
        assertThat(badOrder.body()).contains("data-testid=\"filter-error\"", "orderBy:");
    }

    @Test
    void pagesThroughRunsWithTheSearchTokens() throws Exception {
        for (int i = 0; i < ExperimentPages.RUNS_PER_PAGE; i++) {
            admin().post("/api/v1/experiments/" + experimentId + "/runs", "{\"name\":\"extra-" + i + "\"}");
        }
        String first = ui().get("/experiments/" + experimentId).body();
        Matcher next = Pattern.compile("href=\"([^\"]*pageToken=[^\"]*)\"[^>]*data-testid=\"next-page\"")
                .matcher(first);
        assertThat(next.find()).as("next page link").isTrue();
        String second = ui().get(next.group(1).replace("&amp;", "&")).body();
        assertThat(Pattern.compile("<tr data-run-id=").matcher(second).results().count()).isEqualTo(2);
        assertThat(second).contains("First page");
    }

    @Test
    void experimentsListCreatesAndRefusesDuplicatesInline() throws Exception {
        HttpResponse<String> shortcut = ui().get("/experiments");
        assertThat(shortcut.statusCode()).isEqualTo(302);
        assertThat(shortcut.headers().firstValue("Location").orElseThrow()).endsWith("/projects/default/experiments");
        String list = ui().get("/projects/default/experiments").body();
        assertThat(list).contains(experimentName, "New experiment", "<label for=\"name\"");

        String name = "ui-made-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = ui().post("/projects/default/experiments",
                "name=" + name + "&description=d&_csrf=" + UiSession.csrfFrom(list));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).matches(".*/experiments/\\d+$");

        HttpResponse<String> duplicate = ui().post("/projects/default/experiments",
                "name=" + name + "&_csrf=" + UiSession.csrfFrom(ui().get("/projects/default/experiments").body()));
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.body()).contains("field-error", "already exists");
    }

    @Test
    void runPageShowsParamsInputsMetricsAndArtifacts() throws Exception {
        Api.Response stored = admin().put("/api/v1/runs/" + good + "/artifacts/model/notes.txt", "hello artifact");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);

        HttpResponse<String> page = ui().get("/runs/" + good);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("good-run", "adam", "0.01",
                "href=\"/projects/default/datasets/" + dataset + "/versions/1\"",
                "data-metric=\"loss\"", "aria-label=\"Line chart of metric loss\"", "model/notes.txt",
                "href=\"/runs/" + good + "/artifacts/model/notes.txt\"", "data-events-url=\"/runs/" + good + "/events\"",
                "uPlot.iife.min.js");

        HttpResponse<String> artifact = ui().get("/runs/" + good + "/artifacts/model/notes.txt");
        assertThat(artifact.statusCode()).isEqualTo(200);
        assertThat(artifact.body()).isEqualTo("hello artifact");
        assertThat(artifact.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");

        JsonNode history = JSON.readTree(ui().get("/runs/" + good + "/metric-history?key=loss&maxPoints=100").body());
        assertThat(history.path("downsampled").asBoolean()).isTrue();
        assertThat(history.path("totalPoints").asLong()).isEqualTo(1000);
        assertThat(history.path("points").size()).isBetween(2, 100);
        assertThat(ui().get("/runs/" + good + "/metric-history?key=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void compareShowsParamDifferencesAndRefusesTooManyRuns() throws Exception {
        String page = ui().get("/runs/compare?ids=" + good + "&ids=" + bad + "&metric=acc").body();
        assertThat(page).contains("data-testid=\"param-diff\"", "class=\"differs\"", "data-param=\"lr\"",
                "data-testid=\"parallel-coordinates\"", "&quot;metric&quot;:&quot;acc&quot;");
        JsonNode curves = JSON.readTree(ui().get("/runs/compare/metric-history?ids=" + good + "," + bad
                + "&key=loss&maxPoints=50").body());
        assertThat(curves.size()).isEqualTo(2);
        assertThat(curves.get(0).path("points").size()).isLessThanOrEqualTo(50);

        StringBuilder many = new StringBuilder("/runs/compare?ids=" + good);
        for (int i = 0; i < RunPages.MAX_COMPARE; i++) {
            many.append("&ids=").append(UUID.randomUUID().toString().replace("-", ""));
        }
        HttpResponse<String> tooMany = ui().get(many.toString());
        assertThat(tooMany.statusCode()).isEqualTo(200);
        assertThat(tooMany.body()).contains("Select at most 20 runs to compare; 21 were selected.");
    }

    @Test
    void eventsStreamTheRunUntilItFinishes() throws Exception {
        HttpResponse<Stream<String>> stream = ui().lines("/runs/" + good + "/events");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = new ArrayList<>();
        Iterator<String> events = stream.body().filter(line -> line.startsWith("data:")).iterator();
        data.add(events.next());
        // the first event is in: now the run gets a point and ends
        admin().post("/api/v1/runs/" + good + "/metrics",
                "{\"metrics\":[{\"key\":\"acc\",\"value\":0.95,\"step\":1000}]}");
        admin().patch("/api/v1/runs/" + good, "{\"status\":\"succeeded\"}");
        // the stream ends by itself once the run is terminal
        events.forEachRemaining(data::add);
        assertThat(data.get(0)).contains("\"status\":\"running\"", "\"key\":\"loss\"");
        assertThat(data.get(data.size() - 1)).contains("\"status\":\"succeeded\"", "\"terminal\":true",
                "\"value\":0.95");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
