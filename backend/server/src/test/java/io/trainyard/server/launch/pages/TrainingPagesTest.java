package io.trainyard.server.launch.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.UiSession;
import io.trainyard.server.support.Multipart;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The training form over plain HTTP with a signed-in session: schema pickers, inline errors, submit, clone, cancel. */
class TrainingPagesTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FEATURES = "&config.features=Island&config.features=" + enc("Beak Length (mm)")
            + "&config.features=" + enc("Flipper Length (mm)") + "&config.features=Sex";

    private String dataset;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    @BeforeEach
    void data() throws Exception {
        dataset = "train-pages-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Api.Response version = admin().upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "penguins.csv",
                        Files.readAllBytes(Path.of("../../../shared/data/penguins.csv"))));
        assertThat(version.status()).as(version.toString()).isEqualTo(201);
        ui().signIn("admin", ADMIN_PASSWORD);
    }

    @Test
    void theFormOffersTheSchemaValidatesInlineSubmitsClonesAndCancels() throws Exception {
        assertThat(ui().get("/projects/default/datasets/" + dataset + "/versions/1").body())
                .contains("/projects/default/training-runs/new?dataset=" + dataset + "&amp;version=1");

        HttpResponse<String> form = ui().get("/projects/default/training-runs/new?dataset=" + dataset + "&version=1");
        assertThat(form.statusCode()).isEqualTo(200);
        String html = form.body();
        assertThat(html).contains("<option value=\"Species\" data-type=\"categorical\">Species (categorical)</option>")
                .contains("value=\"Body Mass (g)\" data-type=\"numeric\"")
                .contains("type=\"checkbox\" name=\"config.features\" value=\"Island\"")
                .contains("name=\"config.optimizer.learningRate\" value=\"0.001\"")
                .contains("name=\"config.epochs\" value=\"50\"")
                .contains("<option value=\"adamw\" selected=\"selected\">adamw</option>")
                .contains("data-error-for=\"config.target\"");
        String csrf = UiSession.csrfFrom(html);

        // live validation: the problems with the slot next to their field
        HttpResponse<String> checked = ui().post("/projects/default/training-runs/check", base(csrf)
                + "&config.target=Species&config.features=Species&config.optimizer.learningRate=-1");
        assertThat(checked.statusCode()).isEqualTo(200);
        JsonNode problems = JSON.readTree(checked.body()).path("problems");
        assertThat(problems.toString()).contains("\"slot\":\"config.features\"")
                .contains("\"field\":\"config.optimizer.learningRate\"", "must be > 0");

        // a bad submission: the form again, errors next to the fields, the values kept
        HttpResponse<String> bad = ui().post("/projects/default/training-runs", base(csrf)
                + "&config.target=Species&config.features=Species&config.features=Island"
                + "&config.optimizer.learningRate=-1&config.epochs=many");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("New training run")
                .containsPattern("data-error-for=\"config.features\">[^<]*is the target and cannot be a feature")
                .containsPattern("data-error-for=\"config.optimizer.learningRate\">must be &gt; 0")
                .containsPattern("data-error-for=\"config.epochs\">must be a whole number, was &#39;many&#39;")
                .contains("name=\"config.optimizer.learningRate\" value=\"-1\"");

        // a good one: a queued run, then its page
        HttpResponse<String> good = ui().post("/projects/default/training-runs", base(csrf)
                + "&name=form-run&config.target=Species" + FEATURES
                + "&config.optimizer.learningRate=0.005&config.epochs=7&config.evaluation.groupBy=Sex&priority=-5");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(302);
        String location = good.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/runs/[0-9a-f]{32}");
        String runId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode run = admin().get("/api/v1/runs/" + runId).json();
        assertThat(run.path("status").asString()).isEqualTo("queued");
        assertThat(run.path("params").path("optimizer.learningRate").asString()).isEqualTo("0.005");
        assertThat(run.path("params").path("epochs").asString()).isEqualTo("7");
        assertThat(run.path("params").path("evaluation.groupBy").asString()).isEqualTo("Sex");

        String page = ui().get("/runs/" + runId).body();
        assertThat(page).contains("Clone and edit", "data-testid=\"cancel-run\"", "data-testid=\"training-dataset\"");

        // clone and edit: the run's config and dataset version prefilled
        String clone = ui().get("/projects/default/training-runs/new?clone=" + runId).body();
        assertThat(clone).contains("Cloned from run", "name=\"dataset\" value=\"" + dataset + "\"")
                .contains("<option value=\"Species\" data-type=\"categorical\" selected=\"selected\">")
                .contains("name=\"config.optimizer.learningRate\" value=\"0.005\"")
                .contains("name=\"config.epochs\" value=\"7\"")
                .contains("value=\"form-run-clone\"")
                .containsPattern("name=\"config.features\" value=\"Island\"[^>]*checked")
                .doesNotContainPattern("name=\"config.features\" value=\"Beak Depth \\(mm\\)\"[^>]*checked");

        // cancel from the page (it is queued: cancelled at once)
        HttpResponse<String> cancelled = ui().post("/runs/" + runId + "/cancel", "_csrf=" + UiSession.csrfFrom(page));
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/runs/" + runId).json().path("status").asString()).isEqualTo("cancelled");
    }

    private String base(String csrf) {
        return "_csrf=" + csrf + "&submitted=1&dataset=" + dataset + "&version=1&experiment=form-tests"
                + "&config.task=classification";
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
