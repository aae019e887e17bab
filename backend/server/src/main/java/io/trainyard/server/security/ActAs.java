package io.trainyard.server.security;

import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserService;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Runs background work (a monitor's scheduled evaluation) with a person's rights, so it passes the same
 * project checks as that person's own requests and can never see more than they can.
 */
@Service
public class ActAs {

    private final UserService users;

    ActAs(UserService users) {
        this.users = users;
    }

    /**
     * @throws UnknownUser when the user no longer exists or is disabled (nothing ran)
     */
    public <T> T call(String username, Supplier<T> work) {
        User user = users.find(username).filter(User::isEnabled).orElseThrow(() -> new UnknownUser(username));
        CurrentUser principal = new CurrentUser(user.getId(), user.getUsername(), user.getDisplayName(),
                user.isAdmin(), true, CurrentUser.fullScopes(user.isAdmin()), null);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The user to act as is gone or disabled. */
    public static class UnknownUser extends IllegalStateException {
        public UnknownUser(String username) {
            super("user '" + username + "' is unknown or disabled");
        }
    }
}
