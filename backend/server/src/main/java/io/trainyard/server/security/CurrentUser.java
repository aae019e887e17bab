package io.trainyard.server.security;

import io.trainyard.client.model.TokenScope;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated caller, whatever the credential: a session (all scopes the user may hold), a password
 * over HTTP Basic (likewise) or an API token (its own scopes). Authorities: {@code ROLE_USER},
 * {@code ROLE_ADMIN} for global admins, and {@code SCOPE_<scope>} with the implied lower scopes.
 */
public final class CurrentUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final boolean admin;
    private final boolean enabled;
    private final Set<TokenScope> scopes;
    private String passwordHash;

    public CurrentUser(long id, String username, String displayName, boolean admin, boolean enabled,
                       Set<TokenScope> scopes, String passwordHash) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.admin = admin;
        this.enabled = enabled;
        this.scopes = Collections.unmodifiableSet(scopes.isEmpty()
                ? EnumSet.noneOf(TokenScope.class) : EnumSet.copyOf(scopes));
        this.passwordHash = passwordHash;
    }

    /** The scopes a person gets when signing in with a password: everything their account may do. */
    public static Set<TokenScope> fullScopes(boolean admin) {
        return admin ? EnumSet.of(TokenScope.READ, TokenScope.WRITE, TokenScope.ADMIN)
                : EnumSet.of(TokenScope.READ, TokenScope.WRITE);
    }

    public static Optional<CurrentUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The caller, for code that only runs behind authentication. */
    public static CurrentUser require() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated user"));
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public boolean admin() {
        return admin;
    }

    public Set<TokenScope> scopes() {
        return scopes;
    }

    /** Whether this is an executor's credential, which acts for jobs of every project. */
    public boolean executor() {
        return scopes.contains(TokenScope.EXECUTOR);
    }

    /** Whether the credential grants {@code scope}, counting what higher scopes imply. */
    public boolean hasScope(TokenScope scope) {
        return effectiveScopes().contains(scope);
    }

    private Set<TokenScope> effectiveScopes() {
        EnumSet<TokenScope> effective = scopes.isEmpty() ? EnumSet.noneOf(TokenScope.class) : EnumSet.copyOf(scopes);
        if (effective.contains(TokenScope.ADMIN)) {
            effective.add(TokenScope.WRITE);
        }
        if (effective.contains(TokenScope.WRITE)) {
            effective.add(TokenScope.READ);
        }
        return effective;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (admin) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        effectiveScopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.wireName())));
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CurrentUser that && that.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return username;
    }
}
