package io.trainyard.server.tracking.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tracking pages in a real browser (Debian's Chromium, headless), set up as {@code BrowserTest} is:
 * runs made through the REST API, then filtered, sorted, charted and compared in the UI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingBrowserTest extends IntegrationTest {

    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private Page page;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    void launchBrowser() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openContext() {
        context = Chromium.watchedContext(browser);
        problems.clear();
        page = Chromium.watchedPage(context, problems);
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String run(String experiment, String name, String lr, String optimizer, double acc) {
        Api.Response created = admin().post("/api/v1/experiments/" + experiment + "/runs",
                "{\"name\":\"" + name + "\",\"params\":{\"lr\":\"" + lr + "\",\"optimizer\":\"" + optimizer
                        + "\",\"epochs\":\"10\"}}");
        Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        StringBuilder points = new StringBuilder("{\"metrics\":[");
        for (int step = 0; step < 300; step++) {
            points.append(step == 0 ? "" : ",").append("{\"key\":\"loss\",\"value\":")
                    .append(2.0 / (step + 1) + acc / 10).append(",\"step\":").append(step).append('}');
        }
        points.append(",{\"key\":\"acc\",\"value\":").append(acc).append(",\"step\":299}]}");
        Api.Response logged = admin().post("/api/v1/runs/" + id + "/metrics", points.toString());
        Assertions.assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
        return id;
    }

    @Test
    void filtersSortsChartsAndComparesRuns() {
        String name = "browser-exp-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response experiment = admin().post("/api/v1/projects/default/experiments", "{\"name\":\"" + name + "\"}");
        Assertions.assertThat(experiment.status()).as(experiment.toString()).isEqualTo(201);
        String experimentId = experiment.json().path("id").asString();
        String high = run(experimentId, "high", "0.01", "adam", 0.9);
        run(experimentId, "mid", "0.05", "adam", 0.7);
        String low = run(experimentId, "low", "0.1", "sgd", 0.3);
        admin().patch("/api/v1/runs/" + low, "{\"status\":\"succeeded\"}");

        Chromium.signInAsAdmin(page, baseUrl());
        assertThat(page).hasURL(baseUrl() + "/");

        // through the navigation to the project's experiments, then the experiment
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Experiments").setExact(true))
                .click();
        assertThat(page).hasURL(baseUrl() + "/projects/default/experiments");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
        assertThat(page).hasURL(baseUrl() + "/experiments/" + experimentId);
        Locator rows = page.getByTestId("runs-table").locator("tbody tr");
        assertThat(rows).hasCount(3);
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("low")).locator(".badge"))
                .hasText("succeeded");

        // filter
        page.getByLabel("Filter runs").fill("metrics.acc > 0.5");
        page.getByLabel("Filter runs").press("Enter");
        assertThat(rows).hasCount(2);
        assertThat(rows.locator("td:nth-child(2)")).hasText(new String[] {"mid", "high"});

        // sort by the acc column: best first, then the other way round
        page.locator("th a[data-sort-key='metrics.acc']").click();
        assertThat(page).hasURL(Pattern.compile("orderBy=metrics\\.acc(%20|\\+)DESC"));
        assertThat(rows.locator("td:nth-child(2)")).hasText(new String[] {"high", "mid"});
        assertThat(page.locator("th[aria-sort=descending]")).hasCount(1);
        assertThat(page.getByLabel("Filter runs")).hasValue("metrics.acc > 0.5");
        page.locator("th a[data-sort-key='metrics.acc']").click();
        assertThat(rows.locator("td:nth-child(2)")).hasText(new String[] {"mid", "high"});

        // a bad filter: the reason, inline
        page.getByLabel("Filter runs").fill("metrics.acc >>> 1");
        page.getByLabel("Filter runs").press("Enter");
        assertThat(page.getByTestId("filter-error")).containsText("filter");

        // the run page draws its metrics with uPlot, from downsampled data
        page.navigate(baseUrl() + "/experiments/" + experimentId);
        com.microsoft.playwright.Response history = page.waitForResponse(
                r -> r.url().contains("/metric-history") && r.url().contains("maxPoints="),
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("high").setExact(true))
                        .click());
        Assertions.assertThat(history.status()).isEqualTo(200);
        assertThat(page).hasURL(baseUrl() + "/runs/" + high);
        Locator lossChart = page.locator("figure[data-metric=loss] [data-chart-plot]");
        assertThat(lossChart).hasAttribute("aria-label", "Line chart of metric loss");
        assertThat(lossChart.locator("canvas")).isVisible();
        page.getByLabel("Log scale").check();
        page.locator("[data-chart-smoothing]").fill("0.6");
        assertThat(lossChart.locator("canvas")).isVisible();
        assertThat(lossChart.locator(".u-legend")).containsText("loss (raw)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/run.png")).setFullPage(true));

        // live: a new value and the end of the run reach the open page over server-sent events
        admin().post("/api/v1/runs/" + high + "/metrics", "{\"metrics\":[{\"key\":\"acc\",\"value\":0.95,\"step\":300}]}");
        assertThat(page.locator("td[data-latest=acc]")).hasText("0.95");
        admin().patch("/api/v1/runs/" + high, "{\"status\":\"succeeded\"}");
        assertThat(page.locator("[data-run-status]")).hasText("succeeded");
        assertThat(page.locator("[data-live-note]")).isHidden();

        // compare two runs
        page.navigate(baseUrl() + "/experiments/" + experimentId);
        page.getByLabel("Select high for comparing").check();
        page.getByLabel("Select low for comparing").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare selected")).click();
        assertThat(page).hasURL(Pattern.compile("/runs/compare\\?ids="));
        Locator diff = page.getByTestId("param-diff");
        assertThat(diff.locator("tr.differs")).hasCount(2);
        assertThat(diff.locator("tr.differs th")).hasText(new Pattern[] {
            Pattern.compile("^lr"), Pattern.compile("^optimizer")});
        assertThat(diff.locator("tr[data-param=epochs]")).not().hasClass(Pattern.compile("differs"));
        Locator svg = page.getByTestId("parallel-svg");
        assertThat(svg).isVisible();
        assertThat(svg.locator("polyline.run-line")).hasCount(2);
        assertThat(svg.locator("g.axis")).hasCount(4);
        assertThat(page.locator("figure[data-metric] canvas")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/compare.png")).setFullPage(true));

        Assertions.assertThat(problems).as("console errors and CSP violations").isEmpty();
    }
}
