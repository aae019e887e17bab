package io.trainyard.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class ServerWiringTest extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withADatasourceUrlNoEmbeddedDatabaseIsStarted() {
        assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
    }

    @Test
    void describesTheRestApiToAuthenticatedCallersOnly() {
        assertThat(api().get("/v3/api-docs").status()).isEqualTo(401);

        Api.Response docs = api().basic("admin", ADMIN_PASSWORD).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.header("Set-Cookie")).isNull();
        assertThat(docs.json().path("paths").has("/api/v1/tokens")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/projects/{project}/members/{username}")).isTrue();
        // UI pages are not part of the API description
        assertThat(docs.json().path("paths").has("/settings/tokens")).isFalse();
    }
}
