package io.trainyard.server.security.tokens;

import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.CreatedToken;
import io.trainyard.client.model.TokenInfo;
import io.trainyard.client.model.TokenScope;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.users.UserDisabled;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing, revoking and checking API tokens. */
@Service
public class TokenService {

    static final int DEFAULT_LIFETIME_DAYS = 90;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final ScopesConverter SCOPES = new ScopesConverter();

    private final ApiTokenRepository tokens;
    private final AuditLog auditLog;
    private final Clock clock;
    private final JdbcClient jdbc;

    TokenService(ApiTokenRepository tokens, AuditLog auditLog, JdbcClient jdbc) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = Clock.systemUTC();
    }

    /**
     * A token for the caller. Its scopes may not exceed the caller's own credential's, so a read token
     * cannot mint a write token, and only admins get {@code admin}.
     */
    @Transactional
    public CreatedToken create(CreateTokenRequest request) {
        CurrentUser me = CurrentUser.require();
        for (TokenScope scope : request.scopes()) {
            if (scope == TokenScope.ADMIN && !me.admin()) {
                throw new ApiException.BadRequest("scopes", "only admins may create tokens with the admin scope");
            }
            if (scope != TokenScope.EXECUTOR && !me.hasScope(scope)) {
                throw new ApiException.BadRequest("scopes",
                        "your credential lacks the " + scope.wireName() + " scope, so a new token cannot have it");
            }
            if (scope == TokenScope.EXECUTOR && !me.admin()) {
                throw new ApiException.BadRequest("scopes", "only admins may create executor tokens");
            }
        }
        int days = request.expiresInDays() == null ? DEFAULT_LIFETIME_DAYS : request.expiresInDays();
        Instant expiresAt = clock.instant().plus(Duration.ofDays(days));
        String secret = TokenSecrets.newSecret();
        ApiToken token = tokens.save(new ApiToken(me.id(), request.name().strip(), TokenSecrets.shownPrefix(secret),
                TokenSecrets.hash(secret), request.scopes(), expiresAt));
        auditLog.record("token.created", "token:" + token.getId(), token.getPrefix() + " " + request.scopes());
        return new CreatedToken(token.getId(), token.getName(), secret, token.getScopes(), expiresAt);
    }

    @Transactional(readOnly = true)
    public List<TokenInfo> listMine() {
        Instant now = clock.instant();
        return tokens.findByUserIdOrderByCreatedAtDesc(CurrentUser.require().id()).stream()
                .map(token -> info(token, now))
                .toList();
    }

    @Transactional
    public void revokeMine(long id) {
        ApiToken token = tokens.findByIdAndUserId(id, CurrentUser.require().id())
                .orElseThrow(() -> new ApiException.NotFound("token " + id));
        token.revoke(clock.instant());
        auditLog.record("token.revoked", "token:" + id, token.getPrefix());
    }

    @EventListener
    void revokeTokensOf(UserDisabled event) {
        int revoked = tokens.revokeAllOf(event.userId(), clock.instant());
        if (revoked > 0) {
            auditLog.record("token.revoked", "user:" + event.username(), revoked + " token(s), account disabled");
        }
    }

    /**
     * The caller a token stands for, if the token is known, active and its user enabled. Marks it used.
     * {@code expectedUsername} (HTTP Basic) must match the token's owner when given.
     *
     * <p>Runs on every API request (executors poll with their token), so it is one JDBC query (token and owner
     * together) without a transaction, plus the coarse last-used update when that is due; through JPA it was
     * three statements in a transaction and more than a third of a claim request's CPU time.
     */
    public Optional<CurrentUser> authenticate(String secret, String expectedUsername) {
        Instant now = clock.instant();
        Optional<TokenOwner> found = jdbc.sql("""
                        select t.id, t.scopes, t.expires_at, t.revoked_at, t.last_used_at,
                               u.id as user_id, u.username, u.display_name, u.admin, u.enabled
                        from api_tokens t join users u on u.id = t.user_id
                        where t.token_hash = :hash""")
                .param("hash", TokenSecrets.hash(secret))
                .query((rs, row) -> new TokenOwner(rs.getLong("id"), SCOPES.convertToEntityAttribute(
                        rs.getString("scopes")), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                        instant(rs, "last_used_at"), rs.getLong("user_id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getBoolean("admin"), rs.getBoolean("enabled")))
                .optional()
                .filter(token -> token.revokedAt() == null
                        && (token.expiresAt() == null || token.expiresAt().isAfter(now)))
                .filter(TokenOwner::enabled)
                .filter(token -> expectedUsername == null || token.username().equals(expectedUsername));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TokenOwner token = found.get();
        Instant staleBefore = now.minus(LAST_USED_RESOLUTION);
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(staleBefore)) {
            jdbc.sql("update api_tokens set last_used_at = :now where id = :id "
                            + "and (last_used_at is null or last_used_at < :staleBefore)")
                    .param("now", Timestamp.from(now)).param("id", token.id())
                    .param("staleBefore", Timestamp.from(staleBefore)).update();
        }
        return Optional.of(new CurrentUser(token.userId(), token.username(), token.displayName(), token.admin(),
                true, token.scopes(), null));
    }

    private record TokenOwner(long id, Set<TokenScope> scopes, Instant expiresAt, Instant revokedAt,
                              Instant lastUsedAt, long userId, String username, String displayName, boolean admin,
                              boolean enabled) {
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static boolean looksLikeToken(String credential) {
        return TokenSecrets.looksLikeToken(credential);
    }

    private static TokenInfo info(ApiToken token, Instant now) {
        return new TokenInfo(token.getId(), token.getName(), token.getPrefix(), token.getScopes(),
                token.getCreatedAt(), token.getExpiresAt(), token.getLastUsedAt(), token.getRevokedAt(),
                token.isActive(now));
    }
}
