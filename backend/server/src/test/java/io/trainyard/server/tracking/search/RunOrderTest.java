package io.trainyard.server.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunOrderTest {

    @Test
    void emptyIsMlflowDefaultOrder() {
        assertThat(RunOrder.parse(null).toSql()).isEqualTo(SqlFragment.of("r.start_time desc nulls last, r.id"));
        assertThat(RunOrder.parse(List.of()).toSql()).isEqualTo(SqlFragment.of("r.start_time desc nulls last, r.id"));
    }

    @Test
    void parsesClausesWithOptionalDirection() {
        RunOrder order = RunOrder.parse(List.of("metrics.val_loss DESC", "params.lr", "tags.`a b` asc",
                "attributes.start_time desc", "run_name", "status Asc", "end_time", "created DESC"));
        assertThat(order.clauses()).containsExactly(
                new RunOrder.Clause(Field.metric("val_loss"), false),
                new RunOrder.Clause(Field.param("lr"), true),
                new RunOrder.Clause(Field.tag("a b"), true),
                new RunOrder.Clause(Field.attribute("start_time"), false),
                new RunOrder.Clause(Field.attribute("run_name"), true),
                new RunOrder.Clause(Field.attribute("status"), true),
                new RunOrder.Clause(Field.attribute("end_time"), true),
                new RunOrder.Clause(Field.attribute("start_time"), false));
        assertThat(order.metricKeys()).containsExactly("val_loss");
        assertThat(order.paramKeys()).containsExactly("lr");
        assertThat(order.tagKeys()).containsExactly("a b");
    }

    @Test
    void rendersSqlWithNullsLastAndTiebreak() {
        String metric = "(select m.latest_value from metric_series m where m.run_id = r.id and m.key = ?)";
        SqlFragment sql = RunOrder.parse(List.of("metrics.loss", "metrics.acc DESC", "params.lr DESC",
                "tags.mlflow.runName", "start_time", "run_name DESC", "status", "end_time", "user_id", "run_id"))
                .toSql();
        assertThat(sql.sql()).isEqualTo(metric + " asc nulls last, "
                + metric + " = 'NaN'::float8 asc nulls last, " + metric + " desc nulls last, "
                + "(select k.value from run_params k where k.run_id = r.id and k.key = ?) desc nulls last, "
                + "(select k.value from run_tags k where k.run_id = r.id and k.key = ?) asc nulls last, "
                + "r.start_time asc nulls last, r.name desc nulls last, r.status asc nulls last, "
                + "r.end_time asc nulls last, r.created_by asc nulls last, r.id asc nulls last, "
                + "r.start_time desc nulls last, r.id");
        assertThat(sql.params()).containsExactly("loss", "acc", "acc", "lr", "mlflow.runName");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("metrics.acc upward", "Invalid order_by clause 'metrics.acc upward' at position 13: "
                        + "expected ASC, DESC or the end of the clause after 'metrics.acc', got 'upward'"),
                Arguments.of("metrics.acc DESC x",
                        "Invalid order_by clause 'metrics.acc DESC x' at position 18: expected the end of the clause, got 'x'"),
                Arguments.of("datasets.name", "Invalid order_by clause 'datasets.name' at position 1: "
                        + "datasets.name cannot be used to order runs"),
                Arguments.of("attributes.foo DESC", "Invalid order_by clause 'attributes.foo DESC' at position 12: "
                        + "unknown attribute 'foo'; valid: run_id, run_name, status, start_time, end_time, created, user_id"),
                Arguments.of("metrics.", "Invalid order_by clause 'metrics.' at position 9: "
                        + "expected a key after 'metrics.', got the end of the clause"),
                Arguments.of(" ", "Invalid order_by: empty clause"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsBadClauses(String clause, String message) {
        assertThatThrownBy(() -> RunOrder.parse(List.of(clause)))
                .isInstanceOf(FilterSyntaxException.class).hasMessage(message);
    }

    @Test
    void rejectsMoreThanTenClauses() {
        assertThat(RunOrder.parse(Collections.nCopies(10, "start_time")).clauses()).hasSize(10);
        assertThatThrownBy(() -> RunOrder.parse(Collections.nCopies(11, "start_time")))
                .isInstanceOf(FilterSyntaxException.class).hasMessage("Invalid order_by: 11 clauses, the limit is 10");
    }
}
