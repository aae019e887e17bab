/**
 * Scoring: the predict endpoint for registered models (by alias or version), the per-version cache of loaded
 * predictors, input checks against the bundle's schema, and the prediction log written asynchronously in
 * batches. Depends on registry (which version serves) and storage (the bundle's bytes).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Serving")
package io.trainyard.server.serving;
