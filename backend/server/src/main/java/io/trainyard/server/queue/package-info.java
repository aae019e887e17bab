/**
 * The job queue: jobs with priorities, resource requests and leases; heartbeats, rescue of expired leases,
 * cancel; the executors that claim jobs over HTTP (long-polling, woken by PostgreSQL LISTEN/NOTIFY); and
 * the in-process ("embedded") executors of one-machine installs. Other modules use {@link
 * io.trainyard.server.queue.JobQueue} and listen for {@link io.trainyard.server.queue.JobFinished}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Queue")
package io.trainyard.server.queue;
