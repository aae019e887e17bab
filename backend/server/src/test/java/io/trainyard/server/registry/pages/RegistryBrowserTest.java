package io.trainyard.server.registry.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.trainyard.server.queue.embedded.EmbeddedExecutors;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import io.trainyard.server.support.PenguinTraining;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry in a real browser, on a really trained model: a penguins run (with a subgroup evaluation by
 * island) registered twice, promoted through the page's form, refused by mustBeat the second time, and the
 * model card's raw HTML shown as text, never run.
 */
class RegistryBrowserTest extends IntegrationTest {

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
    void promotesATrainedVersionAndShowsEveryRulesResult() throws Exception {
        Api admin = api().basic("admin", ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String runId = PenguinTraining.train(admin, PenguinTraining.uploadDataset(admin, "penguins-reg"), "registry", """
                {"task":"classification","target":"Species",
                 "features":["Beak Length (mm)","Beak Depth (mm)","Flipper Length (mm)","Body Mass (g)"],
                 "epochs":15,"evaluation":{"groupBy":"Island"}}""");

        String model = "penguins-" + suffix;
        Assertions.assertThat(admin.post("/api/v1/projects/default/models", """
                {"name":"%s","description":"species classifier",
                 "modelCard":"Intended use: **teaching**.\\n\\n<script>window.pwned = 1</script>",
                 "policy":{"aliases":{"champion":{"gates":[{"metric":"test_accuracy","min":0.9}],
                   "mustBeat":{"metric":"test_accuracy","by":0.05},"maxSubgroupGap":1.0}}}}""".formatted(model))
                .status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            Api.Response version = admin.post("/api/v1/projects/default/models/" + model + "/versions",
                    "{\"runId\":\"" + runId + "\"}");
            Assertions.assertThat(version.status()).as(version.toString()).isEqualTo(201);
        }

        BrowserContext context = Chromium.watchedContext(browser);
        Page page = Chromium.watchedPage(context, problems);
        Chromium.signInAsAdmin(page, baseUrl());
        page.navigate(baseUrl() + "/models");
        page.getByText(model).click();
        assertThat(page.locator("h1")).hasText(model);
        assertThat(page.locator("[data-testid=model-card] strong")).hasText("teaching");
        assertThat(page.locator("[data-testid=model-card]")).containsText("<script>window.pwned = 1</script>");
        Assertions.assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
        assertThat(page.locator("[data-testid=version-table] tbody tr")).hasCount(2);
        assertThat(page.locator("[data-testid=policy]")).containsText("test_accuracy ≥ 0.9000");

        promote(page, "champion", "1");
        assertThat(page.locator("[data-testid=promotion-result] h2")).containsText("now points at v1");
        Locator gates = page.locator("[data-testid=gate-results] tbody tr");
        assertThat(gates).hasCount(3);
        assertThat(page.locator("[data-testid=gate-results]")).not().containsText("failed");
        assertThat(page.locator("[data-testid=alias-table]")).containsText("champion");

        promote(page, "champion", "2");
        assertThat(page.locator("[data-testid=promotion-result] h2")).containsText("does not meet the rules");
        assertThat(gates.nth(1)).containsText("failed");
        assertThat(gates.nth(1)).containsText("version 1 has");
        assertThat(page.locator("[data-testid=alias-history] tbody tr")).hasCount(2);
        assertThat(page.locator("[data-testid=alias-history] tbody tr").first()).containsText("refused");

        // owners edit the policy as JSON; a bad one is refused naming the field, and nothing changes
        page.locator("[data-testid=policy-editor] summary").click();
        page.locator("#policy").fill("{\"aliases\":{\"champion\":{\"gates\":[{\"min\":0.5}]}}}");
        page.getByText("Save policy").click();
        assertThat(page.locator(".flash-error")).containsText("policy.aliases.champion.gates[0].metric");
        assertThat(page.locator("[data-testid=policy]")).containsText("test_accuracy ≥ 0.9000");
        page.locator("[data-testid=policy-editor] summary").click();
        page.locator("#policy").fill("{\"aliases\":{\"champion\":{\"gates\":[{\"metric\":\"test_accuracy\",\"min\":0.5}]}}}");
        page.getByText("Save policy").click();
        assertThat(page.locator("[data-testid=policy]")).containsText("test_accuracy ≥ 0.5000");

        // "Try it" scores the pre-filled example row with the champion and logs it
        page.getByText("Try it (champion)").click();
        assertThat(page.locator("#rows")).containsText("Beak Length (mm)");
        page.locator("[data-testid=try-form] button[type=submit]").click();
        assertThat(page.locator("[data-testid=try-result] h2")).containsText("v1");
        assertThat(page.locator("[data-testid=try-result] tbody tr")).hasCount(1);
        page.locator("#rows").fill("[{\"Island\": \"Biscoe\"}]");
        page.locator("[data-testid=try-form] button[type=submit]").click();
        assertThat(page.locator("[data-testid=try-errors]")).containsText("rows[0].Beak Length (mm)");

        // webhooks, from the models list: an internal address is refused with the guard's reason
        page.navigate(baseUrl() + "/models");
        page.getByText("Webhooks").click();
        page.locator("#url").fill("http://169.254.169.254/latest/meta-data/");
        page.locator("input[name=events][value='alias.changed']").check();
        page.locator("#secret").fill("a-secret-of-at-least-16");
        page.getByText("Add webhook").click();
        assertThat(page.locator(".flash-error")).containsText("internal address");
        Assertions.assertThat(problems).isEmpty();
        context.close();
    }

    private static void promote(Page page, String alias, String version) {
        Locator form = page.locator("[data-testid=promote-form]");
        form.locator("#alias").fill(alias);
        form.locator("#version").selectOption(version);
        form.locator("button[type=submit]").click();
        page.waitForLoadState();
    }
}
