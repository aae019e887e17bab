package io.trainyard.client.model;

import java.util.List;

/** One page of a list; pass {@code nextPageToken} back as {@code pageToken} for the next (null: no more). */
public record Page<T>(List<T> items, String nextPageToken) {
}
