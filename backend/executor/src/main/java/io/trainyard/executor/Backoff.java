package io.trainyard.executor;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so a fleet of executors does not hammer a server that comes back. */
final class Backoff {

    private static final long FIRST_MILLIS = 250;
    private static final long MAX_MILLIS = 30_000;
    private long next = FIRST_MILLIS;

    /** The next wait: a random time between half of the current step and the step, which then doubles. */
    long nextDelayMillis() {
        long step = next;
        next = Math.min(next * 2, MAX_MILLIS);
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    void reset() {
        next = FIRST_MILLIS;
    }
}
