package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateProjectRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "lower-case letters, digits and '-', starting with a letter or digit")
        String key,
        @NotBlank @Size(max = 200) String name) {
}
