package io.trainyard.server.security.users;

import io.trainyard.client.model.CreateUserRequest;
import io.trainyard.client.model.Page;
import io.trainyard.client.model.UpdateUserRequest;
import io.trainyard.client.model.UserView;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account administration; the API filter chain admits only admins with the {@code admin} scope. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    Page<UserView> list(@RequestParam(required = false) Integer pageSize,
                        @RequestParam(required = false) String pageToken) {
        return users.list(pageSize, pageToken);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@Valid @RequestBody CreateUserRequest request) {
        return users.create(request);
    }

    @GetMapping("/{username}")
    UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @PatchMapping("/{username}")
    UserView update(@PathVariable String username, @Valid @RequestBody UpdateUserRequest request) {
        return users.update(username, request);
    }

    /** Disables the account and revokes its tokens; the row stays so history keeps its names. */
    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username) {
        users.update(username, new UpdateUserRequest(null, null, false, null));
    }
}
