package io.trainyard.server.datasets.profile;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.hll.HllSketch;

/**
 * Runs the per-value work that needs no text, in blocks of rows and in order, on one helper thread:
 * adding numbers to each column's {@link NumericAccumulator} (moments, kept values, t-digest) and
 * distinct keys past the exact bound to its HLL sketch. That is about a third of the profiler's work,
 * so with a second core free the parsing thread gets through a file faster.
 *
 * <p>The parsing thread writes the numbers and keys of {@link #rowsPerBlock} rows into a
 * {@link Block} (one array of each per column, so they never fill up within a block), then hands the
 * whole block to the helper as one task and goes on with the next block. A single thread runs the
 * tasks in order, so every accumulator sees its values in file order and the profile is the same with
 * or without the helper. The helper thread starts with the first full block, so small files never
 * start one. At most three blocks exist: when the helper falls behind, the parsing thread waits for
 * one to come back, which bounds memory. Without a helper (one CPU, or switched off) the same tasks
 * run on the parsing thread.
 */
final class Offload implements AutoCloseable {

    private static final int MAX_BLOCKS = 3;

    /** Numbers and sketch keys of a block of rows, per column. */
    static final class Block {
        private final int size;
        private final double[][] values;
        private final long[][] keys;
        final int[] valueCounts;
        final int[] keyCounts;
        final NumericAccumulator[] numerics;
        final HllSketch[] sketches;

        private Block(int columns, int size) {
            this.size = size;
            values = new double[columns][];
            keys = new long[columns][];
            valueCounts = new int[columns];
            keyCounts = new int[columns];
            numerics = new NumericAccumulator[columns];
            sketches = new HllSketch[columns];
        }

        /** The column's number array, created on first use (text columns never need one). */
        double[] values(int column) {
            double[] array = values[column];
            if (array == null) {
                array = values[column] = new double[size];
            }
            return array;
        }

        long[] keys(int column) {
            long[] array = keys[column];
            if (array == null) {
                array = keys[column] = new long[size];
            }
            return array;
        }

        private void run() {
            for (int c = 0; c < values.length; c++) {
                int count = valueCounts[c];
                if (count > 0) {
                    NumericAccumulator numeric = numerics[c];
                    double[] array = values[c];
                    for (int i = 0; i < count; i++) {
                        numeric.add(array[i]);
                    }
                }
                count = keyCounts[c];
                if (count > 0) {
                    HllSketch sketch = sketches[c];
                    long[] array = keys[c];
                    for (int i = 0; i < count; i++) {
                        sketch.update(array[i]);
                    }
                }
            }
        }

        private void clear() {
            Arrays.fill(valueCounts, 0);
            Arrays.fill(keyCounts, 0);
            Arrays.fill(numerics, null);
            Arrays.fill(sketches, null);
        }
    }

    final int rowsPerBlock;
    private final int columns;
    private final boolean helper;
    private final ArrayBlockingQueue<Block> free = new ArrayBlockingQueue<>(MAX_BLOCKS);
    private int blocks;
    private ExecutorService executor;
    private volatile Throwable failure;

    Offload(boolean helper, int columns) {
        this.helper = helper;
        this.columns = columns;
        // at most about 16 MB a block for wide files
        this.rowsPerBlock = Math.max(64, Math.min(4096, (1 << 20) / columns));
    }

    /** An empty block: a free one, a new one while there are fewer than three, else the next one back. */
    Block block() {
        Block block = free.poll();
        if (block != null) {
            return block;
        }
        if (blocks < MAX_BLOCKS) {
            blocks++;
            return new Block(columns, rowsPerBlock);
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while profiling", e);
        }
    }

    /** Runs the block's work, now or on the helper thread, and then frees the block. */
    void submit(Block block) {
        Runnable task = () -> {
            try {
                block.run();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                block.clear();
                free.offer(block);
            }
        };
        if (!helper) {
            task.run();
            rethrow();
            return;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "csv-profiler-helper");
                thread.setDaemon(true);
                return thread;
            });
        }
        executor.execute(task);
    }

    /** Waits for every submitted block. */
    void finish() {
        if (executor != null) {
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a block takes milliseconds; keep waiting
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while profiling", e);
            }
        }
        rethrow();
    }

    private void rethrow() {
        Throwable e = failure;
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    /** Stops the helper, dropping queued work (after a failure elsewhere); a no-op after {@link #finish()}. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
