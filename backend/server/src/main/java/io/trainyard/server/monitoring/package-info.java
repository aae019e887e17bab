/**
 * Drift monitoring: ad hoc comparisons of two dataset versions, monitors on a model alias (reference: the
 * holder's training split or a chosen version; current: a window of the prediction log or a version), scheduled
 * evaluations that run once per window across servers, performance from ground-truth feedback, state
 * transitions (alerts), the {@code drift.detected} event and the optional retraining action. The statistics
 * are the {@code trainyard-drift} library's. Depends on registry (who holds the alias), serving (the prediction
 * log and feedback), datasets (the data), tracking (the holder's run), launch (retraining), storage (bundles).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package io.trainyard.server.monitoring;
