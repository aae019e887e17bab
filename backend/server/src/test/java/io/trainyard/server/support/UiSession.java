package io.trainyard.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A browser without a browser: plain HTTP against the UI filter chain with a cookie jar (the session),
 * redirects not followed (so tests see them), form posts, and the CSRF token read from a page.
 */
public final class UiSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public UiSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs in through the login form and checks that it worked. */
    public void signIn(String username, String password) throws IOException, InterruptedException {
        String token = csrfFrom(get("/login").body());
        HttpResponse<String> login = post("/login", "username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body is read line by line as it arrives (server-sent events). */
    public HttpResponse<Stream<String>> lines(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** A form post; {@code form} is already URL-encoded. */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the first form on the page. */
    public static String csrfFrom(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("page has a CSRF token").isTrue();
        return matcher.group(1);
    }
}
