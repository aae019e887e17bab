package io.trainyard.server.security.config;

import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.tokens.TokenService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests from their {@code Authorization} header: {@code Bearer <token>}, or
 * {@code Basic} with a token or the account's password as the password (so MLflow clients work).
 * Stateless: nothing is stored between requests and no cookie is set. Requests without the header pass on
 * unauthenticated, and the authorization rules answer 401.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final TokenService tokens;
    private final AccountDetailsService accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AuditLog auditLog;
    /** Checked for unknown users, so that they take as long as known ones. */
    private final String timingDummyHash;

    ApiAuthenticationFilter(TokenService tokens, AccountDetailsService accounts, PasswordEncoder passwordEncoder,
                            LoginThrottle throttle, AuditLog auditLog) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.auditLog = auditLog;
        this.timingDummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Credentials credentials = Credentials.parse(header);
        String address = request.getRemoteAddr();
        // only passwords can be guessed; a 256-bit token cannot, so token use is never throttled and a
        // password-guessing client cannot lock out tokens
        boolean password = credentials.isPassword();
        if (password && throttle.isBlocked(credentials.username(), address)) {
            ProblemResponses.tooManyAttempts(response, throttle.retryAfterSeconds());
            return;
        }
        Optional<CurrentUser> user = credentials.secret() == null ? Optional.empty() : authenticate(credentials);
        if (user.isEmpty()) {
            if (password) {
                throttle.recordFailure(credentials.username(), address);
            }
            auditLog.recordFor(credentials.username(), "login.failed", null,
                    credentials.username() == null ? "api token" : "api");
            ProblemResponses.unauthorized(response, ProblemResponses.INVALID_CREDENTIALS);
            return;
        }
        if (password) {
            throttle.recordSuccess(credentials.username());
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
                user.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<CurrentUser> authenticate(Credentials credentials) {
        if (TokenService.looksLikeToken(credentials.secret())) {
            return tokens.authenticate(credentials.secret(), credentials.username());
        }
        if (credentials.username() == null) {
            return Optional.empty();
        }
        UserDetails account;
        try {
            account = accounts.loadUserByUsername(credentials.username());
        } catch (UsernameNotFoundException e) {
            passwordEncoder.matches(credentials.secret(), timingDummyHash);
            return Optional.empty();
        }
        if (!passwordEncoder.matches(credentials.secret(), account.getPassword()) || !account.isEnabled()) {
            return Optional.empty();
        }
        CurrentUser user = (CurrentUser) account;
        user.eraseCredentials();
        return Optional.of(user);
    }

    /** What the header carries; {@code username} is null for Bearer, {@code secret} null when unparseable. */
    record Credentials(String username, String secret) {

        boolean isPassword() {
            return username != null && secret != null && !TokenService.looksLikeToken(secret);
        }

        static Credentials parse(String header) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Credentials(null, header.substring(7).strip());
            }
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                            StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
                    }
                } catch (IllegalArgumentException notBase64) {
                    return new Credentials(null, null);
                }
            }
            return new Credentials(null, null);
        }
    }
}
