package io.trainyard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Browser sessions over plain HTTP: CSRF on forms, and account changes reaching live sessions. */
class UiSessionTest extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void disablingAUserEndsItsSessionAndRevokingAdminTakesEffectAtOnce() throws Exception {
        String user = "sess-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().basic("admin", ADMIN_PASSWORD).post("/api/v1/users",
                "{\"username\":\"" + user + "\",\"password\":\"correct-horse-battery\",\"admin\":true}").status())
                .isEqualTo(201);
        signIn(user, "correct-horse-battery");
        assertThat(get("/admin/users").statusCode()).isEqualTo(200);

        api().basic("admin", ADMIN_PASSWORD).patch("/api/v1/users/" + user, "{\"admin\":false}");
        assertThat(get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(get("/").statusCode()).isEqualTo(200);

        api().basic("admin", ADMIN_PASSWORD).patch("/api/v1/users/" + user, "{\"enabled\":false}");
        HttpResponse<String> afterDisable = get("/");
        assertThat(afterDisable.statusCode()).isEqualTo(302);
        assertThat(afterDisable.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void homeListsTheCallersProjectsWithRoles() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        String home = get("/").body();
        assertThat(home).contains("data-testid=\"project-table\"", "<code>default</code>", ">owner<");
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefused() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> withoutToken = post("/projects", "key=no-csrf&name=x");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/projects/no-csrf").status()).isEqualTo(404);
    }

    private void signIn(String username, String password) throws IOException, InterruptedException {
        String token = csrfFrom(get("/login").body());
        HttpResponse<String> login = post("/login", "username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    private static String csrfFrom(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("page has a CSRF token").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
