package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateUserRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*",
                message = "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit")
        String username,
        @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
        @Size(max = 200) String displayName,
        Boolean admin) {

    public boolean grantsAdmin() {
        return Boolean.TRUE.equals(admin);
    }
}
