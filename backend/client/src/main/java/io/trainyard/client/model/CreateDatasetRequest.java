package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateDatasetRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "letters, digits, '.', '_' and '-', starting with a letter or digit")
        String name,
        @Size(max = 2000) String description) {
}
