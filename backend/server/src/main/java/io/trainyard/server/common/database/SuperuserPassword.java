package io.trainyard.server.common.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database superuser's password: generated on the first start and kept, readable by the
 * server's account only, beside the database's data directory (initdb also reads it from there).
 */
final class SuperuserPassword {

    private SuperuserPassword() {
    }

    static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("postgres-password");
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n");
        return password;
    }
}
