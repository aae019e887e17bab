package io.trainyard.server.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The generated SQL against the real schema: which runs a filter selects, in which order. */
class RunSearchSqlTest extends IntegrationTest {

    private static final long T = 1_700_000_000_000L;
    private static final UUID R1 = id(1);
    private static final UUID R2 = id(2);
    private static final UUID R3 = id(3);
    private static final UUID R4 = id(4);
    private static final UUID R5 = id(5);
    private static final List<UUID> ALL = List.of(R1, R2, R3, R4, R5);
    private static final Map<UUID, String> NAMES = Map.of(R1, "r1", R2, "r2", R3, "r3", R4, "r4", R5, "r5");

    @Autowired
    JdbcTemplate jdbc;

    private static UUID id(int n) {
        return UUID.fromString("5ea7c400-0000-4000-8000-00000000000" + n);
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    @BeforeEach
    void insertRuns() {
        cleanUp();
        run(R1, "alpha", "succeeded", T, "ann");
        run(R2, "beta", "running", T + 1000, "bob");
        run(R3, "gamma", "failed", T + 2000, "ann");
        run(R4, "delta", "queued", null, null);
        run(R5, "epsilon", "cancelled", T + 3000, "cy");

        param(R1, "lr", "0.1");
        param(R1, "opt", "adam");
        param(R2, "lr", "0.01");
        param(R2, "opt", "sgd");
        param(R3, "lr", "0.1");
        param(R5, "opt", "adam");

        tag(R1, "team", "ml");
        tag(R1, "mlflow.runName", "alpha");
        tag(R2, "team", "ML-ops");
        tag(R4, "note", "it's");
        tag(R1, "prio", "b");
        tag(R3, "prio", "a");
        tag(R5, "prio", "c");

        metric(R1, "acc", 0.9);
        metric(R1, "loss", 0.3);
        metric(R2, "acc", 0.7);
        metric(R2, "loss", Double.NaN);
        metric(R2, "val acc", 1.0);
        metric(R3, "acc", Double.NaN);
        metric(R3, "loss", 0.5);
        metric(R5, "acc", 0.95);
        metric(R5, "loss", null); // a series without points yet

        jdbc.update("insert into run_inputs (run_id, name, digest, context) values (?, 'mnist', 'd1', 'training')", R1);
        jdbc.update("insert into run_inputs (run_id, name, digest, context) values (?, 'mnist', 'd1', 'eval')", R2);
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from runs where id in (?, ?, ?, ?, ?)", R1, R2, R3, R4, R5);
    }

    private void run(UUID id, String name, String status, Long start, String user) {
        jdbc.update("insert into runs (id, experiment_id, project_id, name, status, start_time, end_time, created_by)"
                        + " select ?, 0, project_id, ?, ?, ?, ?, ? from experiments where id = 0",
                id, name, status, start == null ? null : Timestamp.from(Instant.ofEpochMilli(start)),
                start == null ? null : Timestamp.from(Instant.ofEpochMilli(start + 500)), user);
    }

    private void param(UUID run, String key, String value) {
        jdbc.update("insert into run_params (run_id, key, value) values (?, ?, ?)", run, key, value);
    }

    private void tag(UUID run, String key, String value) {
        jdbc.update("insert into run_tags (run_id, key, value) values (?, ?, ?)", run, key, value);
    }

    private void metric(UUID run, String key, Double latest) {
        jdbc.update("insert into metric_series (run_id, key, latest_value, point_count) values (?, ?, ?, ?)",
                run, key, latest, latest == null ? 0 : 1);
    }

    private List<String> search(String filter, List<String> orderBy) {
        SqlFragment where = RunFilter.parse(filter).toSql();
        SqlFragment order = RunOrder.parse(orderBy).toSql();
        List<Object> args = new ArrayList<>(ALL);
        args.addAll(where.params());
        args.addAll(order.params());
        String sql = "select r.id from runs r where r.id in (?, ?, ?, ?, ?) and " + where.sql()
                + " order by " + order.sql();
        return jdbc.queryForList(sql, UUID.class, args.toArray()).stream().map(NAMES::get)
                .collect(Collectors.toList());
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("", "r5 r3 r2 r1 r4"),
                Arguments.of("metrics.acc > 0.8", "r5 r1"),
                Arguments.of("metrics.acc != 0.9", "r5 r2"),
                Arguments.of("metrics.acc >= -1e9", "r5 r2 r1"),
                Arguments.of("metrics.loss < 100", "r3 r1"),
                Arguments.of("metrics.`val acc` = 1", "r2"),
                Arguments.of("params.opt != 'adam'", "r2"),
                Arguments.of("params.opt NOT IN ('sgd')", "r5 r1"),
                Arguments.of("params.lr = '0.1' and (params.opt = 'adam' or metrics.loss > 0.4)", "r3 r1"),
                Arguments.of("params.lr = '0.1' and params.opt = 'adam' or metrics.loss > 0.4", "r3 r1"),
                Arguments.of("tags.team ILIKE 'ml%'", "r2 r1"),
                Arguments.of("tags.team LIKE 'ml%'", "r1"),
                Arguments.of("tags.note = 'it''s'", "r4"),
                Arguments.of("tags.mlflow.runName = 'alpha'", "r1"),
                Arguments.of("status = 'FINISHED' or status IN ('KILLED', 'SCHEDULED')", "r5 r1 r4"),
                Arguments.of("status LIKE 'FAIL%' or attributes.status like 'succ%'", "r3 r1"),
                Arguments.of("start_time >= " + (T + 1000) + " and start_time < " + (T + 3000), "r3 r2"),
                Arguments.of("end_time > " + T, "r5 r3 r2 r1"),
                Arguments.of("attributes.run_id = '" + hex(R2) + "'", "r2"),
                Arguments.of("run_id NOT IN ('" + hex(R1) + "', '" + R2 + "')", "r5 r3 r4"),
                Arguments.of("run_name LIKE '%a' and user_id = 'ann'", "r3 r1"),
                Arguments.of("datasets.name = 'mnist' and datasets.context = 'training'", "r1"),
                Arguments.of("datasets.digest = 'd1'", "r2 r1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filterSelectsRuns(String filter, String expected) {
        assertThat(search(filter, List.of())).containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("", List.of("metrics.acc DESC"), "r5 r1 r2 r3 r4"),
                Arguments.of("", List.of("metrics.acc"), "r2 r1 r5 r3 r4"),
                Arguments.of("", List.of("metrics.loss ASC"), "r1 r3 r2 r5 r4"),
                Arguments.of("", List.of("params.lr DESC"), "r3 r1 r2 r5 r4"),
                Arguments.of("", List.of("params.lr"), "r2 r3 r1 r5 r4"),
                Arguments.of("", List.of("tags.prio DESC"), "r5 r1 r3 r2 r4"),
                Arguments.of("", List.of("run_name"), "r1 r2 r4 r5 r3"),
                Arguments.of("", List.of("attributes.start_time ASC"), "r1 r2 r3 r5 r4"),
                Arguments.of("", List.of("status"), "r5 r3 r4 r2 r1"),
                Arguments.of("", List.of("params.opt", "metrics.acc DESC"), "r5 r1 r2 r3 r4"),
                Arguments.of("metrics.loss >= 0", List.of("metrics.loss DESC"), "r3 r1"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("orders")
    void orderSortsRuns(String filter, List<String> orderBy, String expected) {
        assertThat(search(filter, orderBy)).containsExactlyElementsOf(Arrays.asList(expected.split(" ")));
    }
}
