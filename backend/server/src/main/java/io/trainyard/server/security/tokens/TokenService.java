package io.trainyard.server.security.tokens;

import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.CreatedToken;
import io.trainyard.client.model.TokenInfo;
import io.trainyard.client.model.TokenScope;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserDisabled;
import io.trainyard.server.security.users.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing, revoking and checking API tokens. */
@Service
public class TokenService {

    static final int DEFAULT_LIFETIME_DAYS = 90;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserService users;
    private final AuditLog auditLog;
    private final Clock clock;

    TokenService(ApiTokenRepository tokens, UserService users, AuditLog auditLog) {
        this.tokens = tokens;
        this.users = users;
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
     */
    @Transactional
    public Optional<CurrentUser> authenticate(String secret, String expectedUsername) {
        Instant now = clock.instant();
        Optional<ApiToken> found = tokens.findByHash(TokenSecrets.hash(secret)).filter(token -> token.isActive(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Optional<User> owner = users.find(token.getUserId()).filter(User::isEnabled)
                .filter(user -> expectedUsername == null || user.getUsername().equals(expectedUsername));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        tokens.touch(token.getId(), now, now.minus(LAST_USED_RESOLUTION));
        User user = owner.get();
        return Optional.of(new CurrentUser(user.getId(), user.getUsername(), user.getDisplayName(), user.isAdmin(),
                true, token.getScopes(), null));
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
