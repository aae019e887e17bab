package io.trainyard.client.model;

import jakarta.validation.constraints.NotNull;

public record MemberRequest(@NotNull ProjectRole role) {
}
