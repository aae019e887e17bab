package io.trainyard.server.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Monitoring in a real browser: a monitor created from the form on a really trained model, evaluated on
 * shifted traffic (drifting, the per-feature table, a histogram overlay opened by clicking a feature, the
 * charts), the overview's badge, the ad hoc comparison page and the dataset diff page showing the same report.
 */
class MonitoringBrowserTest extends IntegrationTest {

    @Autowired
    EmbeddedExecutors embedded;

    private Playwright playwright;
    private Browser browser;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aMonitorDriftsOnShiftedTrafficAndShowsItsReport() throws Exception {
        Api admin = api().basic("admin", ADMIN_PASSWORD);
        String model = PenguinMonitoring.championModel(admin, embedded);
        PenguinMonitoring.predict(admin, model,
                PenguinMonitoring.spread(PenguinMonitoring.rows(PenguinMonitoring::shifted), 150));

        BrowserContext context = Chromium.watchedContext(browser);
        Page page = Chromium.watchedPage(context, problems);
        Chromium.signInAsAdmin(page, baseUrl());
        page.navigate(baseUrl() + "/monitoring");
        assertThat(page.locator("h1")).containsText("Monitoring");
        page.locator("#name").fill(model + "-ui");
        page.locator("#model").fill(model);
        page.locator("#alias").fill("champion");
        page.locator("#windowKind").selectOption("last");
        page.locator("#windowValue").fill("150");
        page.getByText("Create monitor").click();
        assertThat(page.locator("h1")).containsText(model + "-ui");
        assertThat(page.locator("h1 [data-testid=monitor-state]")).hasText("not evaluated");

        page.locator("[data-testid=evaluate]").click();
        assertThat(page.locator(".flash")).containsText("drifting");
        assertThat(page.locator("h1 [data-testid=monitor-state]")).hasText("drifting");
        assertThat(page.locator("[data-testid=report-status]")).hasAttribute("data-status", "drifting");
        assertThat(page.locator("[data-testid=feature-table] tbody tr")).hasCount(7); // 6 features + output
        assertThat(page.locator("[data-testid=feature-table] tr[data-feature='Body Mass (g)'] [data-testid=drifted]"))
                .hasText("yes");
        assertThat(page.locator(".uplot").first()).isVisible();
        assertThat(page.locator("[data-testid=transitions] tbody tr")).hasCount(1);

        // a feature's name opens its reference-vs-current histogram
        page.locator("[data-testid=feature-table] button", new Page.LocatorOptions().setHasText("Body Mass (g)")).click();
        assertThat(page.locator("[data-testid=histogram]:visible")).hasCount(1);
        assertThat(page.locator("[data-testid=histogram]:visible")).containsText("Body Mass (g)");
        Assertions.assertThat(page.locator("[data-testid=histogram]:visible rect.cur").count()).isGreaterThan(1);

        page.navigate(baseUrl() + "/monitoring");
        assertThat(page.locator("[data-monitor='" + model + "-ui'] [data-testid=monitor-state]")).hasText("drifting");

        // ad hoc: two versions of a dataset, one with heavier penguins
        String dataset = "drift-ui-" + UUID.randomUUID().toString().substring(0, 8);
        PenguinMonitoring.upload(admin, dataset, PenguinMonitoring.csv(cells -> cells));
        PenguinMonitoring.upload(admin, dataset, PenguinMonitoring.csv(cells -> {
            String[] c = cells.clone();
            if (!c[5].isEmpty() && !c[5].equals("NA")) {
                c[5] = Double.toString(Double.parseDouble(c[5]) + 2000);
            }
            return c;
        }));
        page.getByText("Compare two dataset versions").first().click();
        page.locator("#reference").selectOption(dataset);
        page.locator("#referenceVersion").fill("1");
        page.locator("#current").selectOption(dataset);
        page.locator("#currentVersion").fill("2");
        page.locator("[data-testid=drift-form] button[type=submit]").click();
        assertThat(page.locator("[data-testid=feature-table] tr[data-feature='Body Mass (g)'] [data-testid=drifted]"))
                .hasText("yes");
        assertThat(page.locator("[data-testid=feature-table] tr[data-feature='Beak Depth (mm)'] [data-testid=drifted]"))
                .hasText("no");

        // the dataset diff page loads the same report
        page.navigate(baseUrl() + "/projects/default/datasets/" + dataset + "/versions/2?against=1");
        assertThat(page.locator("[data-testid=drift-report] [data-testid=report-status]")).isVisible();
        assertThat(page.locator("[data-testid=drift-report] tr[data-feature='Body Mass (g)'] [data-testid=drifted]"))
                .hasText("yes");
        page.locator("[data-testid=drift-report] button", new Page.LocatorOptions().setHasText("Body Mass (g)")).click();
        assertThat(page.locator("[data-testid=histogram]:visible")).hasCount(1);

        Assertions.assertThat(problems).isEmpty();
        context.close();
    }
}
