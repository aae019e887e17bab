package io.trainyard.client.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** How an attempt ended; a failed attempt is retried with backoff while attempts remain. */
public record CompleteJobRequest(@NotBlank String leaseToken, @NotNull JobOutcome outcome,
                                 @Size(max = 10000) String error) {
}
