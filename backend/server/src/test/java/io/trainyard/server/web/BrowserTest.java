package io.trainyard.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.trainyard.server.support.Chromium;
import io.trainyard.server.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
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
 * The UI in a real browser (Debian's Chromium, headless) against the whole server: sign-in, API tokens,
 * user administration and the security headers. One browser per class, a fresh context (cookies) per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest extends IntegrationTest {

    private static final String LOGIN_ERROR = "Invalid username or password.";
    private static final String SIGNED_OUT = "You have been signed out.";

    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private Page page;

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
        context = browser.newContext();
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void createsTokenShowsSecretOnceAndSignsOut() throws Exception {
        signInAsAdmin();

        // Settings → API tokens, through the navigation
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true))
                .click();
        assertThat(page).hasURL(baseUrl() + "/settings/tokens");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API tokens")))
                .isVisible();

        String name = "browser-" + unique();
        page.locator("#name").fill(name);
        for (Locator scope : page.locator("input[type=checkbox][name=scopes]").all()) {
            scope.setChecked("READ".equals(scope.getAttribute("value")));
        }
        // the redirect target's raw HTML, as the server sent it
        Response shown = page.waitForResponse(
                r -> r.url().equals(baseUrl() + "/settings/tokens") && "GET".equals(r.request().method()),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click());

        Locator createdBox = page.getByTestId("created-token-box");
        Locator created = page.getByTestId("created-token");
        assertThat(createdBox).isVisible();
        assertThat(createdBox).containsText(name);
        assertThat(created).hasText(Pattern.compile("^\\s*ty_[A-Za-z0-9_-]{43}\\s*$"));
        String secret = created.textContent().strip();
        String prefix = secret.substring(0, 10);

        Locator row = page.getByTestId("token-table").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row).hasCount(1);
        assertThat(row.locator("td").nth(0)).hasText(name);
        assertThat(row.locator("td").nth(1)).hasText(prefix + "…");
        assertThat(row.locator("td").nth(2)).hasText("read");
        assertThat(row.locator("td").nth(6)).hasText("active");

        // the secret appears once in what the server sent, and only inside the created box
        Assertions.assertThat(occurrences(shown.text(), secret)).as("secret in the page's HTML").isEqualTo(1);
        String dom = page.content();
        String boxHtml = (String) createdBox.evaluate("e => e.outerHTML");
        Assertions.assertThat(boxHtml).contains(secret);
        Assertions.assertThat(dom).contains(boxHtml);
        Assertions.assertThat(dom.replace(boxHtml, "")).as("page outside the created box").doesNotContain(secret);

        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/tokens.png")).setFullPage(true));

        // shown once: a reload no longer has it
        Response reloaded = page.reload();
        Assertions.assertThat(reloaded.status()).isEqualTo(200);
        assertThat(row).hasCount(1);
        assertThat(createdBox).hasCount(0);
        assertThat(created).hasCount(0);
        Assertions.assertThat(reloaded.text()).doesNotContain(secret);
        Assertions.assertThat(page.content()).doesNotContain(secret);

        // the token works against the API
        HttpResponse<String> me = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/me"))
                        .header("Authorization", "Bearer " + secret)
                        .timeout(Duration.ofSeconds(30))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Assertions.assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        Assertions.assertThat(me.body()).contains("\"username\":\"admin\"");

        // sign out with the header's button
        page.locator("header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out"))
                .click();
        assertThat(page).hasURL(baseUrl() + "/login?logout");
        assertThat(page.locator("p.notice")).hasText(SIGNED_OUT);
        assertThat(page.locator("#username")).isVisible();
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);

        // the session is gone: a protected page sends the browser back to sign in
        page.navigate(baseUrl() + "/settings/tokens");
        assertThat(page).hasURL(baseUrl() + "/login");
        assertThat(page.locator("#password")).isVisible();
        assertThat(page.getByTestId("token-table")).hasCount(0);
    }

    @Test
    void badLoginsShowOneMessageWhateverTheReason() {
        page.navigate(baseUrl() + "/login");
        submitLogin("admin", "not-the-" + IntegrationTest.ADMIN_PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/login?error");
        Locator error = page.getByTestId("login-error");
        assertThat(error).hasText(LOGIN_ERROR);
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
        String wrongPassword = error.innerText();

        submitLogin("nobody-" + unique(), IntegrationTest.ADMIN_PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/login?error");
        assertThat(error).hasText(LOGIN_ERROR);
        assertThat(page.getByTestId("signed-in-as")).hasCount(0);
        Assertions.assertThat(error.innerText()).isEqualTo(wrongPassword);
        Assertions.assertThat(page.content()).doesNotContainIgnoringCase("nobody-");
    }

    @Test
    void missingPublicResourceDoesNotHijackTheNextSignIn() {
        // what a fresh browser does on its own with /favicon.ico: ask for a public path that does not exist
        Response missing = page.navigate(baseUrl() + "/css/does-not-exist.css");
        Assertions.assertThat(missing.status()).isEqualTo(404);
        assertThat(page).hasURL(baseUrl() + "/css/does-not-exist.css");

        signInAsAdmin();
    }

    @Test
    void adminCreatesUserAndSeesValidationErrorsInline() {
        signInAsAdmin();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Admin").setExact(true))
                .click();
        assertThat(page).hasURL(baseUrl() + "/admin/users");
        Locator users = page.getByTestId("user-table");
        assertThat(users).isVisible();

        // "ab…" sorts before "admin", so the new user is on the first page of the (paged) list
        String username = "ab-browser-" + unique();
        page.locator("#username").fill(username);
        page.locator("#displayName").fill("Browser Test User");
        page.locator("#password").fill("a-long-enough-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page).hasURL(baseUrl() + "/admin/users");
        assertThat(page.locator(".flash")).hasText("User “" + username + "” created.");
        Locator created = users.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(username));
        assertThat(created).hasCount(1);
        assertThat(created.locator("td").nth(0)).hasText(username);
        assertThat(created.locator("td").nth(1)).hasText("Browser Test User");
        assertThat(created.locator("td").nth(3)).hasText("enabled");

        // too short a password: the form comes back with the error next to the field, and no user exists
        String rejected = "ab-short-" + unique();
        page.locator("#username").fill(rejected);
        page.locator("#password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        Locator passwordError = page.locator("#password + p.field-error");
        assertThat(passwordError).hasText("must be 12 to 200 characters");
        assertThat(page.locator(".field-error")).hasCount(1);
        assertThat(page.locator("#username")).hasValue(rejected);
        assertThat(page.locator("#password")).hasValue("");
        assertThat(page.locator(".flash")).hasCount(0);
        assertThat(users.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(rejected)))
                .hasCount(0);

        page.navigate(baseUrl() + "/admin/users");
        assertThat(users.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(username)))
                .hasCount(1);
        assertThat(users.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(rejected)))
                .hasCount(0);
        Assertions.assertThat(api().basic("admin", IntegrationTest.ADMIN_PASSWORD)
                .get("/api/v1/users/" + rejected).status()).isEqualTo(404);
        Assertions.assertThat(api().basic("admin", IntegrationTest.ADMIN_PASSWORD)
                .get("/api/v1/users/" + username).status()).isEqualTo(200);
    }

    @Test
    void pagesSendSecurityHeadersAndRunWithinTheContentSecurityPolicy() {
        List<String> problems = new CopyOnWriteArrayList<>();
        // report violations through the console too, whatever Chromium itself logs for them
        context.addInitScript("document.addEventListener('securitypolicyviolation', e => console.error("
                + "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')"
                + " + ' at ' + e.sourceFile + ':' + e.lineNumber))");
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || message.text().contains("Content Security Policy")) {
                problems.add("console " + message.type() + ": " + message.text() + " @ " + message.location());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));

        signInAsAdmin();
        Response response = page.navigate(baseUrl() + "/settings/tokens");
        Assertions.assertThat(response.status()).isEqualTo(200);
        String csp = response.headerValue("Content-Security-Policy");
        Assertions.assertThat(csp).isNotNull()
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        Assertions.assertThat(response.headerValue("X-Content-Type-Options")).isEqualTo("nosniff");
        Assertions.assertThat(response.headerValue("X-Frame-Options")).isEqualTo("DENY");

        // the page's scripts ran: htmx is loaded and configured from its meta tag
        page.waitForFunction("() => window.htmx !== undefined && htmx.config.includeIndicatorStyles === false");
        assertThat(page.getByTestId("token-table").or(page.getByText("You have no tokens."))).isVisible();

        // a form round trip on the same page, so anything that runs after a submit is covered too
        page.locator("#name").fill("csp-" + unique());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.getByTestId("created-token")).isVisible();
        page.waitForFunction("() => window.htmx !== undefined");

        // the layout declares its icon, so no browser goes looking for a missing /favicon.ico
        assertThat(page.request().get(baseUrl() + "/img/favicon.svg")).isOK();

        Assertions.assertThat(problems).as("console errors and CSP violations").isEmpty();
    }

    @Test
    void createsADatasetUploadsVersionsAndComparesThem() {
        signInAsAdmin();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Datasets").setExact(true))
                .click();
        assertThat(page).hasURL(baseUrl() + "/projects/default/datasets");

        String name = "browser-" + unique();
        page.locator("#name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create dataset")).click();
        assertThat(page).hasURL(baseUrl() + "/projects/default/datasets/" + name);

        page.locator("#file").setInputFiles(Paths.get("../../../shared/data/penguins.csv"));
        page.locator("#message").fill("all penguins");
        page.locator("#target").fill("Species");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page).hasURL(baseUrl() + "/projects/default/datasets/" + name + "/versions/1");
        assertThat(page.locator(".flash")).hasText("Version 1 created.");
        assertThat(page.getByTestId("row-count")).hasText("344");
        Locator species = page.getByTestId("profile-table").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Species"));
        assertThat(species.locator("td").nth(1)).hasText("categorical");
        Locator mass = page.getByTestId("profile-table").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Body Mass (g)"));
        assertThat(mass.locator("svg.sparkline rect")).hasCount(20);
        assertThat(page.getByTestId("quality-table")).containsText("missing");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/dataset-version.png")).setFullPage(true));
        com.microsoft.playwright.Download download = page.waitForDownload(() -> page.getByTestId("download").click());
        Assertions.assertThat(download.suggestedFilename()).isEqualTo(name + "-v1.csv");
        Assertions.assertThat(download.path()).hasSameBinaryContentAs(Paths.get("../../../shared/data/penguins.csv"));

        // a bad file is refused with its reason, and nothing is created
        page.navigate(baseUrl() + "/projects/default/datasets/" + name);
        page.locator("#file").setInputFiles(new com.microsoft.playwright.options.FilePayload("bad.csv", "text/csv",
                "a,b\n1,2,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page.locator(".flash-error")).containsText("line 2");
        assertThat(page.getByTestId("version-table").locator("tbody tr")).hasCount(1);

        page.locator("#file").setInputFiles(new com.microsoft.playwright.options.FilePayload("two.csv", "text/csv",
                "Species,Island\nAdelie,Biscoe\nGentoo,Dream\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
        assertThat(page).hasURL(baseUrl() + "/projects/default/datasets/" + name + "/versions/2");
        page.locator("#against").selectOption("1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare")).click();
        assertThat(page.getByTestId("rows-added")).hasText("2");
        assertThat(page.getByTestId("rows-removed")).hasText("344");
    }

    private void signInAsAdmin() {
        page.navigate(baseUrl() + "/login");
        submitLogin("admin", IntegrationTest.ADMIN_PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/");
        assertThat(page.getByTestId("signed-in-as")).hasText("Signed in as admin");
    }

    private void submitLogin(String username, String password) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
