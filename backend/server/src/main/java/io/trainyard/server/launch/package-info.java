/**
 * Training-run submission: validates a training config against the dataset version's schema before anything
 * is queued, then creates the run and its job in one transaction; keeps the run's status in step with its
 * job. Depends on datasets, tracking and queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Launch")
package io.trainyard.server.launch;
