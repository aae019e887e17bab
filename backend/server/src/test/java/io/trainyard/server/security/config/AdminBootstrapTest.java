package io.trainyard.server.security.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.common.TrainyardProperties;
import io.trainyard.server.security.projects.ProjectService;
import io.trainyard.server.security.users.PasswordChanged;
import io.trainyard.server.security.users.UserService;
import io.trainyard.server.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

class AdminBootstrapTest extends IntegrationTest {

    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    Environment environment;

    @TempDir
    Path dataDir;

    @Test
    void configuredAdminPasswordSignsIn() {
        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void withoutConfiguredPasswordOneIsGeneratedWrittenOwnerOnlyAndWorks() throws Exception {
        AdminBootstrap bootstrap = new AdminBootstrap(users, projects, properties(null), environment);

        String where = bootstrap.bootstrap("first-admin");

        Path file = dataDir.resolve(AdminBootstrap.PASSWORD_FILE);
        assertThat(file).exists();
        assertThat(where).contains(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        var me = api().basic("first-admin", password).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("admin").asBoolean()).isTrue();
        assertThat(me.json().path("projects").toString()).contains("\"default\"");
    }

    @Test
    void laterStartsChangeNothing() throws Exception {
        AdminBootstrap bootstrap = new AdminBootstrap(users, projects, properties("a-new-password-from-env"), environment);

        bootstrap.bootstrap("admin");

        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(api().basic("admin", "a-new-password-from-env").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(dataDir.resolve(AdminBootstrap.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void theGeneratedPasswordFileGoesOnceTheAdminChoosesAPassword() throws Exception {
        AdminBootstrap bootstrap = new AdminBootstrap(users, projects, properties(null), environment);
        Path file = dataDir.resolve(AdminBootstrap.PASSWORD_FILE);
        Files.writeString(file, "generated\n");

        bootstrap.forgetGeneratedPassword(new PasswordChanged(99, "someone-else"));
        assertThat(file).exists();
        bootstrap.forgetGeneratedPassword(new PasswordChanged(1, "admin"));
        assertThat(file).doesNotExist();
    }

    private TrainyardProperties properties(String adminPassword) {
        return new TrainyardProperties(dataDir, adminPassword,
                new TrainyardProperties.Executor(new TrainyardProperties.Embedded(1, "0", java.util.List.of())));
    }
}
