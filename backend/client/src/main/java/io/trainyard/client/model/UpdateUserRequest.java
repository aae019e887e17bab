package io.trainyard.client.model;

import jakarta.validation.constraints.Size;

/** A partial update: null fields stay as they are. */
public record UpdateUserRequest(
        @Size(max = 200) String displayName,
        Boolean admin,
        Boolean enabled,
        @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password) {
}
