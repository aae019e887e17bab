package io.trainyard.server.queue;

import io.trainyard.server.common.ApiException;

/**
 * 409: the lease token is not the job's current one (the lease expired and the job was rescued, released or
 * cancelled). The executor must stop working on the job; its late result is ignored.
 */
public class StaleLeaseException extends ApiException.Conflict {

    public StaleLeaseException(JobId id) {
        super("job " + id + ": the lease token is not current (the lease expired or the job ended); stop working on it");
    }
}
