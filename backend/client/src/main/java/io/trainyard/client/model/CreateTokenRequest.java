package io.trainyard.client.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** {@code expiresInDays} null means the default lifetime (90 days). */
public record CreateTokenRequest(
        @NotBlank @Size(max = 100) String name,
        @NotEmpty Set<TokenScope> scopes,
        @Positive @Max(3650) Integer expiresInDays) {
}
