package io.trainyard.client.model;

import java.time.Instant;
import java.util.Set;

/** A token as listed: its prefix identifies it, the secret is never returned again. */
public record TokenInfo(long id, String name, String prefix, Set<TokenScope> scopes, Instant createdAt,
                        Instant expiresAt, Instant lastUsedAt, Instant revokedAt, boolean active) {
}
