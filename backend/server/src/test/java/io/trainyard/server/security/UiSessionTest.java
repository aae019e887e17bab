package io.trainyard.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Browser sessions over plain HTTP: CSRF on forms, and account changes reaching live sessions. */
class UiSessionTest extends IntegrationTest {



    @Test
    void disablingAUserEndsItsSessionAndRevokingAdminTakesEffectAtOnce() throws Exception {
        String user = "sess-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().basic("admin", ADMIN_PASSWORD).post("/api/v1/users",
                "{\"username\":\"" + user + "\",\"password\":\"correct-horse-battery\",\"admin\":true}").status())
                .isEqualTo(201);
        ui().signIn(user, "correct-horse-battery");
        assertThat(ui().get("/admin/users").statusCode()).isEqualTo(200);

        api().basic("admin", ADMIN_PASSWORD).patch("/api/v1/users/" + user, "{\"admin\":false}");
        assertThat(ui().get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(ui().get("/").statusCode()).isEqualTo(200);

        api().basic("admin", ADMIN_PASSWORD).patch("/api/v1/users/" + user, "{\"enabled\":false}");
        HttpResponse<String> afterDisable = ui().get("/");
        assertThat(afterDisable.statusCode()).isEqualTo(302);
        assertThat(afterDisable.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void homeListsTheCallersProjectsWithRoles() throws Exception {
        ui().signIn("admin", ADMIN_PASSWORD);
        String home = ui().get("/").body();
        assertThat(home).contains("data-testid=\"project-table\"", "<code>default</code>", ">owner<");
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefused() throws Exception {
        ui().signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> withoutToken = ui().post("/projects", "key=no-csrf&name=x");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/projects/no-csrf").status()).isEqualTo(404);
    }
}
