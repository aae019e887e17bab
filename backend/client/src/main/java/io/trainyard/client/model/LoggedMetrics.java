package io.trainyard.client.model;

/** How many points of a batch were new; resent points are counted as duplicates and stored once. */
public record LoggedMetrics(int received, int stored, int duplicates) {
}
