package io.trainyard.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole server on a random port against the shared test database.
 * Every subclass that adds no configuration of its own shares one cached Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("trainyard.admin-password", () -> ADMIN_PASSWORD);
        registry.add("trainyard.data-dir", DATA_DIR::toString);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected Api api() {
        return new Api(baseUrl());
    }

    private UiSession uiSession;

    /** This test's browser session for the UI (JUnit makes one test instance per test: a fresh session each). */
    protected UiSession ui() {
        if (uiSession == null) {
            uiSession = new UiSession(baseUrl());
        }
        return uiSession;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("trainyard-test-data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
