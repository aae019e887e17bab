package io.trainyard.server.launch.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Training in a real browser (Debian's Chromium, headless): the form filled for penguins, live validation,
 * submit, the embedded executor trains it, and the run page shows the evaluation when it succeeds.
 */
class TrainingBrowserTest extends IntegrationTest {

    @Autowired
    EmbeddedExecutors embedded;

    private Playwright playwright;
    private Browser browser;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        embedded.startWorkers(1);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterEach
    void stop() {
        embedded.stopWorkers();
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void fillsTheFormForPenguinsAndSeesTheTrainedRunsEvaluation() throws Exception {
        Api admin = api().basic("admin", ADMIN_PASSWORD);
        String dataset = "penguins-ui-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/v1/projects/default/datasets", "{\"name\":\"" + dataset + "\"}");
        Assertions.assertThat(admin.upload("/api/v1/projects/default/datasets/" + dataset + "/versions",
                new Multipart().file("file", "penguins.csv",
                        Files.readAllBytes(Path.of("../../../shared/data/penguins.csv")))).status()).isEqualTo(201);

        BrowserContext context = Chromium.watchedContext(browser);
        Page page = Chromium.watchedPage(context, problems);

        Chromium.signInAsAdmin(page, baseUrl());
        assertThat(page).hasURL(baseUrl() + "/");

        page.navigate(baseUrl() + "/projects/default/datasets/" + dataset + "/versions/1");
        page.getByTestId("train-on-version").click();
        assertThat(page.locator("h1")).hasText("New training run");

        // the target's type suggests the task; the target stops being a feature
        page.locator("#f-target").selectOption("Body Mass (g)");
        assertThat(page.locator("#f-task")).hasValue("regression");
        page.locator("#f-target").selectOption("Species");
        assertThat(page.locator("#f-task")).hasValue("classification");
        assertThat(page.locator("input[name='config.features'][value='Species']")).not().isChecked();
        assertThat(page.locator("input[name='config.features'][value='Island']")).isChecked();

        // live validation, next to the field, and cleared when fixed
        page.locator("[id='f-config.optimizer.learningRate']").fill("-1");
        assertThat(page.locator("[data-error-for='config.optimizer.learningRate']")).containsText("must be > 0");
        page.locator("[id='f-config.optimizer.learningRate']").fill("0.01");
        assertThat(page.locator("[data-error-for='config.optimizer.learningRate']")).hasText("");
        page.locator("[id='f-config.epochs']").fill("5");
        page.locator("#f-name").fill("penguins-from-the-form");
        page.getByTestId("submit-training").click();

        assertThat(page).hasURL(Pattern.compile(".*/runs/[0-9a-f]{32}$"));
        assertThat(page.locator("h1")).containsText("penguins-from-the-form");
        // the page reloads itself when the run ends, so its results appear
        assertThat(page.locator("[data-run-status]")).hasText("succeeded",
                new LocatorAssertions.HasTextOptions().setTimeout(150_000));
        assertThat(page.getByTestId("confusion-matrix")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        assertThat(page.getByTestId("confusion-matrix")).containsText("Gentoo");
        assertThat(page.getByTestId("per-class")).containsText("Adelie");
        assertThat(page.getByTestId("metric-table")).containsText("test_accuracy");
        assertThat(page.getByTestId("training-log")).containsText("epoch");
        assertThat(page.getByTestId("training-dataset")).hasText(dataset + " v1");
        assertThat(page.locator("[data-fact='Device']")).not().isEmpty();
        assertThat(page.getByTestId("cancel-run")).hasCount(0);
        Assertions.assertThat(problems).isEmpty();
        context.close();
    }
}
