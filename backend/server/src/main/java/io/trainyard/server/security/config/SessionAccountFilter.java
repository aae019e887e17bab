package io.trainyard.server.security.config;

import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session holds a snapshot of the account taken at sign-in. Each UI request re-reads the account
 * (one primary-key lookup), so disabling a user ends their sessions at once and a changed admin flag takes
 * effect on the next click rather than at the next sign-in.
 */
class SessionAccountFilter extends OncePerRequestFilter {

    private final UserService users;

    SessionAccountFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser snapshot)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<User> account = users.find(snapshot.id()).filter(User::isEnabled);
        if (account.isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        User user = account.get();
        if (user.isAdmin() != snapshot.admin() || !user.getDisplayName().equals(snapshot.displayName())) {
            CurrentUser refreshed = new CurrentUser(user.getId(), user.getUsername(), user.getDisplayName(),
                    user.isAdmin(), true, CurrentUser.fullScopes(user.isAdmin()), null);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(refreshed, null,
                    refreshed.getAuthorities()));
            SecurityContextHolder.setContext(context);
            request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        }
        chain.doFilter(request, response);
    }
}
