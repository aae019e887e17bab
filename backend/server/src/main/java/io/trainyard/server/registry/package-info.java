/**
 * The model registry: registered models, versions made from succeeded training runs (the bundle pinned by
 * hash, the run's metrics snapshotted), aliases guarded by a per-alias promotion policy (metric gates,
 * must-beat-the-holder, subgroup gap, four-eyes approval) and the history of every alias change. Depends on
 * tracking (runs and their artifacts) and security.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry")
package io.trainyard.server.registry;
