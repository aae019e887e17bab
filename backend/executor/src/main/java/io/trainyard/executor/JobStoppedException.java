package io.trainyard.executor;

/** Thrown by a handler that stopped because the executor is shutting down; the job goes back to the queue. */
public class JobStoppedException extends RuntimeException {

    public JobStoppedException(String message) {
        super(message);
    }
}
