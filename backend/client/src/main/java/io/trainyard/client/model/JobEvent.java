package io.trainyard.client.model;

import java.time.Instant;

/** One transition of a job: who ({@code actor}), when, why. {@code from} is null for the submission. */
public record JobEvent(Instant at, JobState from, JobState to, Integer attempt, String actor, String reason) {
}
