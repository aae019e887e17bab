/**
 * The worker: registers with the server, long-polls for jobs, heartbeats their leases and runs them with a
 * {@link io.trainyard.executor.JobHandler} for the job's kind, talking to the server only over HTTP through
 * trainyard-client. {@link io.trainyard.executor.Executor} is the engine; it runs standalone (a pod, see
 * {@code standalone}) or embedded in the server. Handlers are found with {@link java.util.ServiceLoader}.
 */
package io.trainyard.executor;
