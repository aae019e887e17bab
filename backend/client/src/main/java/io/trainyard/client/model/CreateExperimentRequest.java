package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CreateExperimentRequest(@NotBlank @Size(max = 500) String name, @Size(max = 5000) String description) {
}
