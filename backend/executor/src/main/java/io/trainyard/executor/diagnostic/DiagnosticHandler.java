package io.trainyard.executor.diagnostic;

import io.trainyard.executor.JobContext;
import io.trainyard.executor.JobHandler;
import io.trainyard.executor.JobStoppedException;

/**
 * {@code diagnostic} jobs check the executor pool: sleep {@code sleepMs} (reporting progress, honouring cancel
 * and stop), report the executor's devices as DJL sees them, then succeed, or fail when {@code fail} is true.
 * {@code "devices": false} skips the device report (it loads DJL's engine once, which takes seconds).
 */
public final class DiagnosticHandler implements JobHandler {

    private static final long STEP_MILLIS = 50;

    @Override
    public String kind() {
        return "diagnostic";
    }

    @Override
    public void run(JobContext context) throws Exception {
        long sleepMs = Math.max(0, context.spec().path("sleepMs").asLong(0));
        boolean fail = context.spec().path("fail").asBoolean(false);
        long started = System.currentTimeMillis();
        long elapsed;
        while ((elapsed = System.currentTimeMillis() - started) < sleepMs) {
            if (context.isCancelRequested()) {
                return;
            }
            if (context.isStopRequested()) {
                // nothing to checkpoint: the next attempt simply sleeps again
                throw new JobStoppedException("stopped after " + elapsed + " ms");
            }
            context.progress((double) elapsed / sleepMs, "sleeping (" + elapsed + " of " + sleepMs + " ms)");
            Thread.sleep(Math.min(STEP_MILLIS, sleepMs - elapsed));
        }
        String report = context.spec().path("devices").asBoolean(true) ? context.devices().summary()
                : "devices not asked for";
        context.progress(1, report);
        if (fail) {
            throw new IllegalStateException("diagnostic job asked to fail (attempt " + context.attempt() + "); "
                    + report);
        }
    }
}
