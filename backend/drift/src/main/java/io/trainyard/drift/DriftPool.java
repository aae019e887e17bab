package io.trainyard.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * One pool for every engine in the JVM, sized to the processors: concurrent reports share it, so at most
 * availableProcessors features (each sorting arrays of up to millions of values) are worked on at once.
 * Its threads are daemons and retire when idle.
 */
final class DriftPool {

    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("trainyard-drift-" + thread.getPoolIndex());
                return thread;
            }, null, false);

    private DriftPool() {
    }

    /** Applies {@code work} to every item on the pool; results in the items' order. */
    static <T, R> List<R> map(List<? extends T> items, Function<T, R> work) {
        if (items.size() == 1) {
            return List.of(work.apply(items.get(0)));
        }
        List<ForkJoinTask<R>> tasks = new ArrayList<>(items.size());
        for (T item : items) {
            tasks.add(POOL.submit(() -> work.apply(item)));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (ForkJoinTask<R> task : tasks) {
                results.add(task.get());
            }
            return results;
        } catch (InterruptedException e) {
            tasks.forEach(task -> task.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while computing drift");
        } catch (ExecutionException e) {
            tasks.forEach(task -> task.cancel(true));
            // the worker's own exception, message intact (join() would wrap a copy of it)
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
