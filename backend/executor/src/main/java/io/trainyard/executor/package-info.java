/**
 * The worker that registers with the server, long-polls for jobs, heartbeats its lease and runs jobs with
 * the training library, talking to the server only over HTTP through trainyard-client. Filled in by the
 * queue work; runs standalone (a pod) or embedded in the server.
 */
package io.trainyard.executor;
