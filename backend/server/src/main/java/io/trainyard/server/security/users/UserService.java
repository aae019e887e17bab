package io.trainyard.server.security.users;

import io.trainyard.client.model.CreateUserRequest;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.UpdateUserRequest;
import io.trainyard.client.model.UserView;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, changes by admins, and the lookups authentication needs. */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, AuditLog auditLog,
                ApplicationEventPublisher events) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<User> find(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public UserView get(String username) {
        return view(require(username));
    }

    @Transactional(readOnly = true)
    public Page<UserView> list(Integer pageSize, String pageToken) {
        int size = PageToken.clampPageSize(pageSize);
        List<User> rows = users.findByUsernameGreaterThanOrderByUsername(PageToken.decode(pageToken),
                Limit.of(size + 1));
        return PageToken.page(rows, size, UserService::view, UserView::username);
    }

    @Transactional
    public UserView create(CreateUserRequest request) {
        if (users.existsByUsername(request.username())) {
            throw new ApiException.Conflict("user '" + request.username() + "' already exists");
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        User user = users.save(new User(request.username(), displayName,
                passwordEncoder.encode(request.password()), request.grantsAdmin()));
        auditLog.record("user.created", "user:" + user.getUsername(), request.grantsAdmin() ? "admin" : null);
        return view(user);
    }

    /**
     * An account for the server's own processes (the embedded executors): enabled, not an admin, member of no
     * project, with a random password nobody knows; it acts only through tokens the server mints for it.
     */
    @Transactional
    public User systemUser(String username, String displayName) {
        return users.findByUsername(username).orElseGet(() -> {
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            User user = users.save(new User(username, displayName,
                    passwordEncoder.encode(java.util.HexFormat.of().formatHex(secret)), false));
            auditLog.recordFor("system", "user.created", "user:" + username, "system account");
            return user;
        });
    }

    /** Creates the first-start admin unless an account of that name exists; true when it was created. */
    @Transactional
    public boolean createAdminIfMissing(String username, String password) {
        if (users.existsByUsername(username)) {
            return false;
        }
        users.save(new User(username, "Administrator", passwordEncoder.encode(password), true));
        auditLog.recordFor("system", "user.created", "user:" + username, "first-start admin");
        return true;
    }

    @Transactional
    public UserView update(String username, UpdateUserRequest request) {
        User user = require(username);
        boolean self = CurrentUser.current().map(me -> me.id() == user.getId()).orElse(false);
        if (request.displayName() != null && !request.displayName().isBlank()) {
            user.rename(request.displayName().strip());
        }
        if (request.password() != null) {
            user.changePasswordHash(passwordEncoder.encode(request.password()));
            auditLog.record("user.password_changed", "user:" + username, null);
        }
        if (request.admin() != null && request.admin() != user.isAdmin()) {
            if (!request.admin()) {
                guardLastAdmin(user, self, "remove the admin flag of");
            }
            user.setAdmin(request.admin());
            auditLog.record(request.admin() ? "user.admin_granted" : "user.admin_revoked", "user:" + username, null);
        }
        if (request.enabled() != null && request.enabled() != user.isEnabled()) {
            if (!request.enabled()) {
                guardLastAdmin(user, self, "disable");
            }
            user.setEnabled(request.enabled());
            auditLog.record(request.enabled() ? "user.enabled" : "user.disabled", "user:" + username, null);
            if (!request.enabled()) {
                events.publishEvent(new UserDisabled(user.getId(), username));
            }
        }
        return view(user);
    }

    /** The caller changes their own password; the current one must be given, so a stolen session is not enough. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        User user = users.findById(CurrentUser.require().id()).orElseThrow();
        if (!passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            throw new ApiException.BadRequest("currentPassword", "is not your current password");
        }
        user.changePasswordHash(passwordEncoder.encode(newPassword));
        auditLog.record("user.password_changed", "user:" + user.getUsername(), "by the user");
        events.publishEvent(new PasswordChanged(user.getId(), user.getUsername()));
    }

    /** Admins cannot lock themselves or everyone out: the last enabled admin stays. */
    private void guardLastAdmin(User user, boolean self, String verb) {
        if (self) {
            throw new ApiException.Conflict("you cannot " + verb + " your own account");
        }
        if (user.isAdmin() && user.isEnabled() && users.countByAdminTrueAndEnabledTrue() <= 1) {
            throw new ApiException.Conflict("cannot " + verb + " the last enabled admin");
        }
    }

    private User require(String username) {
        return users.findByUsername(username).orElseThrow(() -> new ApiException.NotFound("user '" + username + "'"));
    }

    static UserView view(User user) {
        return new UserView(user.getUsername(), user.getDisplayName(), user.isAdmin(), user.isEnabled(),
                user.getCreatedAt());
    }
}
