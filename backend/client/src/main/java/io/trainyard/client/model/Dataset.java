package io.trainyard.client.model;

import java.time.Instant;

/** A named dataset in a project; its content lives in immutable, numbered versions. */
public record Dataset(String project, String name, String description, String createdBy, Instant createdAt,
                      Integer latestVersion) {
}
