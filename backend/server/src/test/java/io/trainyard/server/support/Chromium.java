package io.trainyard.server.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser): how to start it, a page that records
 * console errors, script errors and CSP violations, and signing in as the test admin.
 */
public final class Chromium {

    private Chromium() {
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A 1280×900 context whose CSP violations show up as console errors. */
    public static BrowserContext watchedContext(Browser browser) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.addInitScript("document.addEventListener('securitypolicyviolation', e => console.error("
                + "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')))");
        return context;
    }

    /** A new page of {@code context} whose console errors and script errors are added to {@code problems}. */
    public static Page watchedPage(BrowserContext context, List<String> problems) {
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                problems.add("console: " + message.text() + " @ " + message.location());
            }
        });
        page.onPageError(error -> problems.add("page error: " + error));
        return page;
    }

    /** Signs in through the login form as the test admin. */
    public static void signInAsAdmin(Page page, String baseUrl) {
        page.navigate(baseUrl + "/login");
        page.locator("#username").fill("admin");
        page.locator("#password").fill(IntegrationTest.ADMIN_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }
}
