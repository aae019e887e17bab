package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Gives a running job back to the queue without spending an attempt (the executor is shutting down). */
public record ReleaseJobRequest(@NotBlank String leaseToken, @Size(max = 500) String reason) {
}
