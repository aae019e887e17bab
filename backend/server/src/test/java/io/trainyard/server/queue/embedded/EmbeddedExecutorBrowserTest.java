package io.trainyard.server.queue.embedded;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One-machine mode end to end: the server's embedded executor (minted token, the real HTTP protocol over
 * loopback) runs a diagnostic job submitted in the browser, and the job page follows it to success with its
 * history. The shared context runs no embedded executor ({@code workers=0}); this test starts one for its
 * own duration only, so it never claims other tests' jobs and costs no context of its own.
 */
class EmbeddedExecutorBrowserTest extends IntegrationTest {

    @Autowired
    EmbeddedExecutors embedded;

    @BeforeEach
    void startEmbeddedExecutor() {
        embedded.startWorkers(1);
    }

    @AfterEach
    void stopEmbeddedExecutor() {
        embedded.stopWorkers();
    }

    @Test
    void diagnosticJobSubmittedInTheBrowserRunsOnTheEmbeddedExecutor() {
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
            Page page = Chromium.watchedPage(browser.newContext(), problems);
            Chromium.signInAsAdmin(page, baseUrl());
            page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Queue").setExact(true)).click();
            assertThat(page).hasURL(baseUrl() + "/queue");

            // the embedded executor registered itself over HTTP
            Locator executors = page.getByTestId("executor-table");
            assertThat(executors.locator("tbody tr").filter(new Locator.FilterOptions().setHasText("embedded")))
                    .hasCount(1);
            assertThat(executors).containsText("online");

            page.locator("#sleepMs").fill("300");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run diagnostic job")).click();
            assertThat(page).hasURL(Pattern.compile(baseUrl() + "/queue/jobs/\\d+"));
            assertThat(page.locator(".flash")).containsText("submitted");

            // htmx refreshes the page until the job is over
            assertThat(page.getByTestId("job-state")).hasText("succeeded",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.getByTestId("progress-message")).containsText("cpu()");
            Locator events = page.getByTestId("event-table").locator("tbody tr");
            // normally three events; on a starved machine (tests run with a 3 s lease) loading DJL's natives
            // may outlast a lease, and the rescue and second attempt show up in between
            assertThat(events.nth(0)).containsText("submitted");
            assertThat(events.nth(1)).containsText("queued → running");
            assertThat(events.last()).containsText("running → succeeded");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/queue-job.png")).setFullPage(true));
            Assertions.assertThat(problems).as("console errors").isEmpty();
        }
    }
}
