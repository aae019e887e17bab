package io.trainyard.client.model;

import java.util.List;

/** The data quality findings of a dataset version, the most severe first. */
public record QualityReport(List<QualityIssue> issues) {
}
