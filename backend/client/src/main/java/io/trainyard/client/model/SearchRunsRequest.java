package io.trainyard.client.model;

import java.util.List;

/**
 * Runs matching an MLflow-style filter ({@code metrics.val_f1 > 0.8 and params.optimizer = 'adamw'}, with
 * {@code or} and parentheses too) in the given projects and experiments; {@code orderBy} as MLflow's
 * ({@code metrics.val_loss ASC}).
 */
public record SearchRunsRequest(List<String> projects, List<String> experimentIds, String filter,
                                List<String> orderBy, Boolean includeDeleted, Integer pageSize, String pageToken) {
}
