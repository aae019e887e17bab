package io.trainyard.executor.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time per phase of a training job, written to the run's log ({@code timings: start 40 ms, dataset ...}) so
 * that the platform's share of a run can be read off any run, not only in a profiler.
 */
final class PhaseTimings {

    private final List<String> phases = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the current phase under {@code name}; the next one starts now. */
    void lap(String name) {
        long now = System.nanoTime();
        phases.add(String.format(Locale.ROOT, "%s %d ms", name, (now - last) / 1_000_000));
        last = now;
    }

    @Override
    public String toString() {
        return "timings: " + String.join(", ", phases);
    }
}
