package io.trainyard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every request mapping of the running application (controllers, actuator, springdoc) and sends each
 * an anonymous request: all are refused except an explicit allowlist. A new endpoint is covered the day it
 * is added, without anyone remembering to write a test for it.
 */
class AnonymousAccessTest extends IntegrationTest {

    /** Reachable without signing in; everything else must refuse. The error page shows no details. */
    private static final Set<String> ALLOWED = Set.of(
            "GET /login",
            "GET /error",
            "GET /actuator/health",
            "GET /actuator/health/**");

    @Autowired
    ApplicationContext context;

    @Test
    void everyMappingRefusesAnonymousCallersExceptTheAllowlist() {
        Set<String> endpoints = new TreeSet<>();
        Map<String, RequestMappingInfoHandlerMapping> mappings =
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class);
        for (RequestMappingInfoHandlerMapping mapping : mappings.values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        assertThat(endpoints).as("the walk must see the application's endpoints")
                .contains("GET /api/v1/me", "POST /api/v1/tokens", "GET /settings/tokens", "GET /",
                        "GET /actuator/prometheus", "GET /v3/api-docs");

        List<String> leaks = new ArrayList<>();
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            Api.Response response = api().send(method, concrete(pattern), method.equals("GET") ? null : "{}");
            boolean allowed = ALLOWED.contains(endpoint);
            if (allowed) {
                assertThat(refused(response)).as(endpoint + " is on the allowlist").isFalse();
            } else if (!refused(response)) {
                leaks.add(endpoint + " -> " + response.status() + " " + response.header("Location"));
            }
        }
        assertThat(leaks).as("endpoints answering anonymous callers").isEmpty();
    }

    @Test
    void allowlistedEndpointsAnswer() {
        assertThat(api().get("/login").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void staticAssetsAreServedAnonymously() {
        assertThat(api().get("/css/trainyard.css").status()).isEqualTo(200);
        assertThat(api().get("/js/trainyard.js").status()).isEqualTo(200);
        assertThat(api().get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
    }

    /** 401 (API), 403 (CSRF on a UI form post) or a redirect to the login page (UI). */
    private static boolean refused(Api.Response response) {
        if (response.status() == 401 || response.status() == 403) {
            return true;
        }
        String location = response.header("Location");
        return response.status() == 302 && location != null && location.endsWith("/login");
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "x")
                .replaceAll("\\{[^}]+}", "1")
                .replace("/**", "/x");
    }
}
