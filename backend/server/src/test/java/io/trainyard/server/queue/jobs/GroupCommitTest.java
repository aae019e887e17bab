package io.trainyard.server.queue.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's hand-offs, without a database: who applies which call, and what each caller gets back. */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callsArrivingDuringABatchAreAppliedTogetherInTheNextAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> group = new GroupCommit<>(calls -> {
            batches.add(calls);
            if (batches.size() == 1) {
                firstBatchStarted.countDown();
                awaitLatch(releaseFirstBatch);
            }
            return calls.stream().map(call -> "result " + call).toList();
        }, call -> "alone " + call, 64);

        Future<String> first = callers.submit(() -> group.apply(0));
        awaitLatch(firstBatchStarted);
        List<Future<String>> waiting = new ArrayList<>();
        for (int call = 1; call <= 5; call++) {
            int arguments = call;
            waiting.add(callers.submit(() -> group.apply(arguments)));
        }
        // all five are queued behind the first batch before it ends
        await().atMost(Duration.ofSeconds(5)).until(() -> group.waitingCalls() == 5);
        releaseFirstBatch.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("result 0");
        for (int call = 1; call <= 5; call++) {
            assertThat(waiting.get(call - 1).get(5, TimeUnit.SECONDS)).isEqualTo("result " + call);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void aFailedBatchIsRetriedCallByCallSoOnlyTheBadCallFails() throws Exception {
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Integer, String> group = new GroupCommit<>(calls -> {
            if (batches.incrementAndGet() == 1) {
                firstBatchStarted.countDown();
                awaitLatch(releaseFirstBatch);
            }
            if (calls.contains(13)) {
                throw new IllegalStateException("the batch with 13 rolls back");
            }
            return calls.stream().map(call -> "result " + call).toList();
        }, call -> {
            if (call == 13) {
                throw new IllegalArgumentException("13 is bad");
            }
            return "alone " + call;
        }, 64);

        Future<String> first = callers.submit(() -> group.apply(0));
        awaitLatch(firstBatchStarted);
        Future<String> good = callers.submit(() -> group.apply(7));
        Future<String> bad = callers.submit(() -> group.apply(13));
        await().atMost(Duration.ofSeconds(5)).until(() -> group.waitingCalls() == 2);
        releaseFirstBatch.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("result 0");
        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("alone 7");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("13 is bad");
    }

    @Test
    void manyConcurrentCallersAllGetTheirResultsInBatchesNoLargerThanTheLimit() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(calls -> {
            sizes.add(calls.size());
            return calls.stream().map(call -> call * 2).toList();
        }, call -> -1, 3);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int base = thread * 1000;
            results.add(callers.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (int call = base; call < base + 500; call++) {
                    got.add(group.apply(call) - 2 * call);
                }
                return got;
            }));
        }
        for (Future<List<Integer>> result : results) {
            assertThat(result.get(1, TimeUnit.MINUTES)).containsOnly(0);
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8 * 500);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
