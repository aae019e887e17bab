package io.trainyard.server.queue.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for calls that many threads make at once: calls that arrive while a batch is being applied wait,
 * and the next batch applies all of them in one go (one transaction instead of one each). The caller that finds
 * no batch in progress applies the batch in its own thread, so an uncontended call costs no hand-off. Every caller
 * gets its own result; when a batch fails as a whole, each of its callers applies its call again alone, in its own
 * thread, so one bad call cannot fail the others and each caller sees its own exception.
 *
 * @param <T> a call's arguments
 * @param <R> a call's result
 */
final class GroupCommit<T, R> {

    private final Function<List<T>, List<R>> applyBatch;
    private final Function<T, R> applyAlone;
    private final int maxBatch;
    private final Queue<Call<T, R>> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the caller applying a batch; at most one batch is in flight. */
    private final ReentrantLock leader = new ReentrantLock();

    /**
     * @param applyBatch applies calls together; returns their results in the calls' order
     * @param applyAlone applies one call by itself (the fallback of a batch that failed)
     */
    GroupCommit(Function<List<T>, List<R>> applyBatch, Function<T, R> applyAlone, int maxBatch) {
        this.applyBatch = applyBatch;
        this.applyAlone = applyAlone;
        this.maxBatch = maxBatch;
    }

    R apply(T arguments) {
        Call<T, R> call = new Call<>(arguments);
        waiting.add(call);
        while (!call.isDone()) {
            if (leader.tryLock()) {
                try {
                    applyNextBatch();
                } finally {
                    leader.unlock();
                    handOver();
                }
            } else {
                call.awaitDoneOrWoken();
            }
        }
        return call.failed ? applyAlone.apply(arguments) : call.result;
    }

    /** Calls not yet taken into a batch (for tests and diagnostics). */
    int waitingCalls() {
        return waiting.size();
    }

    /** A call that came after our drain and found us leading is waiting for a new leader: wake it. */
    private void handOver() {
        Call<T, R> next = waiting.peek();
        if (next != null) {
            next.wakeToLead();
        }
    }

    private void applyNextBatch() {
        List<Call<T, R>> batch = new ArrayList<>();
        for (Call<T, R> call; batch.size() < maxBatch && (call = waiting.poll()) != null; ) {
            batch.add(call);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<R> results = null;
        try {
            results = applyBatch.apply(batch.stream().map(call -> call.arguments).toList());
        } catch (RuntimeException e) {
            // rolled back as a whole: each caller applies its own call again, alone (results stays null)
        } finally {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).finish(results == null ? null : results.get(i), results == null);
            }
        }
    }

    private static final class Call<T, R> {

        final T arguments;
        private boolean done;
        private boolean woken;
        private R result;
        private boolean failed;

        Call(T arguments) {
            this.arguments = arguments;
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized void finish(R result, boolean failed) {
            this.result = result;
            this.failed = failed;
            this.done = true;
            notifyAll();
        }

        synchronized void wakeToLead() {
            woken = true;
            notifyAll();
        }

        /** Uninterruptibly: the call may be applied by another thread right now, so it cannot be abandoned. */
        synchronized void awaitDoneOrWoken() {
            boolean interrupted = false;
            while (!done && !woken) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            woken = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
