package io.trainyard.client.model;

import java.time.Instant;
import java.util.List;

/** A registered executor: what it has, what it runs now, and whether it was heard from lately. */
public record ExecutorView(Long id, String name, Integer gpus, List<String> labels, Integer concurrency,
                           String devices, Boolean embedded, Instant registeredAt, Instant lastSeenAt,
                           Boolean online, List<Long> currentJobs) {
}
