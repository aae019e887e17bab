/**
 * Experiment tracking: experiments, runs, params, tags, metrics (time series with a per-key summary),
 * dataset inputs and artifacts; search with MLflow's filter syntax; the native REST API and an
 * MLflow-compatible one. Other modules use {@link io.trainyard.server.tracking.RunTracking}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracking")
package io.trainyard.server.tracking;
