package io.trainyard.server.security.config;

import io.trainyard.server.common.TrainyardProperties;
import io.trainyard.server.security.projects.ProjectService;
import io.trainyard.server.security.users.PasswordChanged;
import io.trainyard.server.security.users.UserService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * First start: creates {@code admin} with the password from {@code TRAINYARD_ADMIN_PASSWORD}, or a generated
 * one that is logged once and written to {@code <data-dir>/initial-admin-password} (owner-readable only).
 * Later starts change nothing, whatever the variable says. Safe with several replicas starting at once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final ProjectService projects;
    private final TrainyardProperties properties;
    private final Environment environment;

    AdminBootstrap(UserService users, ProjectService projects, TrainyardProperties properties,
                   Environment environment) {
        this.users = users;
        this.projects = projects;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String where = bootstrap(ADMIN);
        log.info("Trainyard is ready at http://localhost:{}/ - {}", environment.getProperty("local.server.port", "8080"),
                where);
    }

    /**
     * Creates {@code username} as an admin unless it exists; package-private so a test can use another name.
     *
     * @return where the admin's password is, for the start-up message
     */
    String bootstrap(String username) throws IOException {
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generatePassword() : configured;
        boolean created;
        try {
            created = users.createAdminIfMissing(username, password);
        } catch (DataIntegrityViolationException anotherReplicaWasFaster) {
            created = false;
        }
        if (!created) {
            return "sign in as '" + username + "'";
        }
        projects.ensureDefaultProjectOwner(username);
        if (!generated) {
            log.info("Created user '{}' with the password from TRAINYARD_ADMIN_PASSWORD", username);
            return "sign in as '" + username + "' with the password from TRAINYARD_ADMIN_PASSWORD";
        }
        Path file = writePasswordFile(password);
        log.warn("Created user '{}' with the generated password {} (also written to {}). Change it after signing in.",
                username, password, file);
        return "sign in as '" + username + "' with the password in " + file;
    }

    /** Once the admin has chosen a password, the generated one must not linger on disk. */
    @EventListener
    void forgetGeneratedPassword(PasswordChanged event) throws IOException {
        if (ADMIN.equals(event.username())
                && Files.deleteIfExists(properties.dataDir().toAbsolutePath().resolve(PASSWORD_FILE))) {
            log.info("Deleted {} now that '{}' has chosen a password", PASSWORD_FILE, ADMIN);
        }
    }

    private Path writePasswordFile(String password) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(PASSWORD_FILE);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, password + System.lineSeparator());
        return file;
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
