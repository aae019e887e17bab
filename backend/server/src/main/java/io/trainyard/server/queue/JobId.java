package io.trainyard.server.queue;

/** A job's id; ids grow with submission order. */
public record JobId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
