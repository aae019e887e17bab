package io.trainyard.client.model;

import java.time.Instant;
import java.util.Set;

/** The answer to a token creation: the only time the secret {@code token} is ever shown. */
public record CreatedToken(long id, String name, String token, Set<TokenScope> scopes, Instant expiresAt) {
}
