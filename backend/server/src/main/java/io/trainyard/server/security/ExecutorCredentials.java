package io.trainyard.server.security;

/**
 * Credentials for the server's own (embedded) executors, which use the same HTTP protocol as standalone ones.
 */
public interface ExecutorCredentials {

    /**
     * A fresh API token with only the {@code executor} scope, for the system account {@code system-executor}.
     * Tokens issued earlier under the same {@code name} are revoked first, so each start rotates them.
     */
    String issueEmbeddedExecutorToken(String name);

    /** Revokes the token again (graceful shutdown). */
    void revokeEmbeddedExecutorToken(String name);
}
