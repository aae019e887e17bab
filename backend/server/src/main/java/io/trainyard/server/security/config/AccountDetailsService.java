package io.trainyard.server.security.config;

import io.trainyard.server.security.CurrentUser;
import io.trainyard.server.security.users.User;
import io.trainyard.server.security.users.UserService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Password sign-in (form login and HTTP Basic): the account with all the scopes it may hold. */
@Component
class AccountDetailsService implements UserDetailsService {

    private final UserService users;

    AccountDetailsService(UserService users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        User user = users.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new CurrentUser(user.getId(), user.getUsername(), user.getDisplayName(), user.isAdmin(),
                user.isEnabled(), CurrentUser.fullScopes(user.isAdmin()), user.getPasswordHash());
    }
}
