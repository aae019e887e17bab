package io.trainyard.client.model;

/** A dataset version by name and number; a null version means the newest where the field allows it. */
public record DatasetSelector(String dataset, Integer version) {
}
