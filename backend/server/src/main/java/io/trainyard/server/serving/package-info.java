/**
 * Scoring: the predict endpoint for registered models (by alias or version), the per-version cache of loaded
 * predictors, input checks against the bundle's schema, the prediction log written asynchronously in
 * batches, ground-truth feedback on logged predictions, and {@link PredictionHistory}, the log's read side
 * for monitoring. Depends on registry (which version serves) and storage (the bundle's bytes).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Serving")
package io.trainyard.server.serving;
