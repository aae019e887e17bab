package io.trainyard.client.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Extends the lease; {@code progress} (0 to 1) and {@code message} are optional. */
public record HeartbeatRequest(@NotBlank String leaseToken, @DecimalMin("0") @DecimalMax("1") Double progress,
                               @Size(max = 500) String message) {
}
