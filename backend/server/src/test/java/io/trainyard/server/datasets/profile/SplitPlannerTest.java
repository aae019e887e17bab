package io.trainyard.server.datasets.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {

    private final SplitPlanner planner = new SplitPlanner();

    @Test
    void theSameInputsGiveTheSameAssignment() {
        SplitAssignment first = planner.plan(1000, 0.15, 0.15, 42, null);
        SplitAssignment second = new SplitPlanner().plan(1000, 0.15, 0.15, 42, null);
        assertThat(second).isEqualTo(first);
        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(planner.plan(1000, 0.15, 0.15, 43, null)).isNotEqualTo(first);
    }

    @Test
    void assignmentIsPinned() {
        // SplittableRandom's sequence is the same on every JVM; this pins it, so a change would show
        SplitAssignment assignment = planner.plan(12, 0.25, 0.25, 42, null);
        assertThat(assignment.rows(Split.TEST)).containsExactly(expectedRows(assignment, Split.TEST));
        assertThat(Arrays.toString(assignment.toByteArray())).isEqualTo(PINNED);
    }

    /** Recorded from JDK 17 and 25: 3 test rows, 3 validation rows, 6 train rows. */
    private static final String PINNED = "[2, 0, 1, 0, 1, 0, 1, 2, 0, 0, 2, 0]";

    private static int[] expectedRows(SplitAssignment assignment, Split split) {
        return IntStream.range(0, assignment.size()).filter(i -> assignment.split(i) == split).toArray();
    }

    @Test
    void proportionsAreRounded() {
        SplitAssignment assignment = planner.plan(1001, 0.15, 0.1, 7, null);
        assertThat(assignment.count(Split.TEST)).isEqualTo(100); // round(100.1)
        assertThat(assignment.count(Split.VALIDATION)).isEqualTo(150); // round(150.15)
        assertThat(assignment.count(Split.TRAIN)).isEqualTo(751);
        assertThat(assignment.size()).isEqualTo(1001);
        assertThat(planner.plan(10, 0, 0, 1, null).count(Split.TRAIN)).isEqualTo(10);
        assertThat(planner.plan(0, 0.2, 0.2, 1, null).size()).isZero();
    }

    @Test
    void stratificationKeepsClassSharesInEveryPart() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            labels.add(i % 20 == 0 ? "rare" : i % 3 == 0 ? "b" : "a");
        }
        labels.set(5, null);
        SplitAssignment assignment = planner.plan(labels.size(), 0.15, 0.15, 42, labels);
        Map<String, List<Integer>> rowsByLabel = IntStream.range(0, labels.size()).boxed()
                .collect(Collectors.groupingBy(i -> String.valueOf(labels.get(i)), TreeMap::new, Collectors.toList()));
        for (var stratum : rowsByLabel.entrySet()) {
            int n = stratum.getValue().size();
            for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
                long inPart = stratum.getValue().stream().filter(row -> assignment.split(row) == split).count();
                assertThat((double) inPart).as(stratum.getKey() + " " + split).isCloseTo(n * 0.15, org.assertj.core.api.Assertions.within(1.0));
            }
        }
        assertThat(assignment).isEqualTo(planner.plan(labels.size(), 0.15, 0.15, 42, new ArrayList<>(labels)));
    }

    @Test
    void badArgumentsNameTheField() {
        assertThatThrownBy(() -> planner.plan(10, -0.1, 0.1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("validation ");
        assertThatThrownBy(() -> planner.plan(10, 0.1, 1.0, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("test ");
        assertThatThrownBy(() -> planner.plan(10, 0.1, Double.NaN, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("test ");
        assertThatThrownBy(() -> planner.plan(10, 0.5, 0.5, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("validation + test must be below 1");
        assertThatThrownBy(() -> planner.plan(10, 0.1, 0.1, 1, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stratify");
        assertThatThrownBy(() -> planner.plan(-1, 0.1, 0.1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rowCount");
    }
}
