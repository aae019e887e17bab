package io.trainyard.server.security.users;

/** Published when a user changes their own password (the first-start password file is then obsolete). */
public record PasswordChanged(long userId, String username) {
}
