package io.trainyard.server.security.tokens;

import io.trainyard.client.model.TokenScope;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.ExecutorCredentials;
import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserService;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mints the embedded executors' token like any other (only its hash is stored), for a system account that
 * cannot sign in and belongs to no project. The secret lives only in the server's memory.
 */
@Service
class EmbeddedExecutorCredentials implements ExecutorCredentials {

    static final String SYSTEM_USER = "system-executor";
    /** Rotated at every start and revoked at shutdown; the long expiry only covers very long uptimes. */
    private static final Duration LIFETIME = Duration.ofDays(3650);

    private final ApiTokenRepository tokens;
    private final UserService users;
    private final AuditLog auditLog;

    EmbeddedExecutorCredentials(ApiTokenRepository tokens, UserService users, AuditLog auditLog) {
        this.tokens = tokens;
        this.users = users;
        this.auditLog = auditLog;
    }

    @Override
    @Transactional
    public String issueEmbeddedExecutorToken(String name) {
        User user = users.systemUser(SYSTEM_USER, "Embedded executors");
        Instant now = Instant.now();
        tokens.revokeByName(user.getId(), name, now);
        String secret = TokenSecrets.newSecret();
        ApiToken token = tokens.save(new ApiToken(user.getId(), name, TokenSecrets.shownPrefix(secret),
                TokenSecrets.hash(secret), Set.of(TokenScope.EXECUTOR), now.plus(LIFETIME)));
        auditLog.recordFor("system", "token.created", "token:" + token.getId(), token.getPrefix() + " [executor] "
                + name);
        return secret;
    }

    @Override
    @Transactional
    public void revokeEmbeddedExecutorToken(String name) {
        users.find(SYSTEM_USER).ifPresent(user -> tokens.revokeByName(user.getId(), name, Instant.now()));
    }
}
