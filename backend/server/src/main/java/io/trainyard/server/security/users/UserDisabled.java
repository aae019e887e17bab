package io.trainyard.server.security.users;

/** Published inside the transaction that disabled an account; its tokens are revoked in the same one. */
public record UserDisabled(long userId, String username) {
}
