package io.trainyard.server.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.server.tracking.search.Condition.And;
import io.trainyard.server.tracking.search.Condition.Comparison;
import io.trainyard.server.tracking.search.Condition.Or;
import io.trainyard.server.tracking.search.Value.NumberValue;
import io.trainyard.server.tracking.search.Value.StringList;
import io.trainyard.server.tracking.search.Value.StringValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunFilterTest {

    private static Condition parse(String filter) {
        return RunFilter.parse(filter).condition().orElseThrow();
    }

    private static Comparison cmp(Field field, Op op, Value value) {
        return new Comparison(field, op, value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void blankMatchesEverything(String filter) {
        RunFilter parsed = RunFilter.parse(filter);
        assertThat(parsed.matchesAll()).isTrue();
        assertThat(parsed.toSql()).isEqualTo(SqlFragment.of("true"));
    }

    @Test
    void metricComparisonExcludesNaNAndBindsKeyAndValue() {
        RunFilter filter = RunFilter.parse("metrics.acc > 0.9");
        assertThat(filter.condition()).contains(cmp(Field.metric("acc"), Op.GT, new NumberValue("0.9")));
        SqlFragment sql = filter.toSql();
        assertThat(sql.sql()).isEqualTo("exists (select 1 from metric_series m where m.run_id = r.id and m.key = ?"
                + " and m.latest_value <> 'NaN'::float8 and m.latest_value > ?)");
        assertThat(sql.params()).containsExactly("acc", 0.9);
    }

    @Test
    void everyNumericComparator() {
        for (String op : List.of("=", "!=", "<", "<=", ">", ">=")) {
            Comparison c = (Comparison) parse("metrics.loss" + op + "1");
            assertThat(c.op().symbol()).isEqualTo(op);
        }
        assertThat(RunFilter.parse("metrics.loss != 1").toSql().sql()).contains("m.latest_value <> ?");
    }

    @Test
    void numbersNegativeDecimalAndScientific() {
        assertThat(((NumberValue) ((Comparison) parse("metrics.a > -1")).value()).doubleValue()).isEqualTo(-1.0);
        assertThat(((NumberValue) ((Comparison) parse("metrics.a>-2.5E+2")).value()).doubleValue()).isEqualTo(-250.0);
        assertThat(((NumberValue) ((Comparison) parse("metrics.a < 1e-3")).value()).doubleValue()).isEqualTo(0.001);
        assertThat(((NumberValue) ((Comparison) parse("metrics.a < .5")).value()).doubleValue()).isEqualTo(0.5);
        assertThat(((NumberValue) ((Comparison) parse("metrics.a = 42")).value()).doubleValue()).isEqualTo(42.0);
        assertThat(RunFilter.parse("metrics.a <= -3.25e1").toSql().params()).containsExactly("a", -32.5);
    }

    @Test
    void stringValuesInEitherQuoteWithDoubledQuoteEscapes() {
        assertThat(parse("params.opt = 'adam'")).isEqualTo(cmp(Field.param("opt"), Op.EQ, new StringValue("adam")));
        assertThat(parse("params.opt = \"adam\"")).isEqualTo(cmp(Field.param("opt"), Op.EQ, new StringValue("adam")));
        assertThat(parse("tags.note = 'it''s'")).isEqualTo(cmp(Field.tag("note"), Op.EQ, new StringValue("it's")));
        assertThat(parse("tags.note = \"say \"\"hi\"\"\"")).isEqualTo(
                cmp(Field.tag("note"), Op.EQ, new StringValue("say \"hi\"")));
        assertThat(parse("tags.note = ''")).isEqualTo(cmp(Field.tag("note"), Op.EQ, new StringValue("")));
    }

    @Test
    void paramAndTagSqlUseExistsWithKeyParameter() {
        SqlFragment sql = RunFilter.parse("params.lr != '0.1'").toSql();
        assertThat(sql.sql()).isEqualTo(
                "exists (select 1 from run_params k where k.run_id = r.id and k.key = ? and k.value <> ?)");
        assertThat(sql.params()).containsExactly("lr", "0.1");
        sql = RunFilter.parse("tags.team ILIKE '%ML%'").toSql();
        assertThat(sql.sql()).isEqualTo(
                "exists (select 1 from run_tags k where k.run_id = r.id and k.key = ? and k.value ilike ?)");
        assertThat(sql.params()).containsExactly("team", "%ML%");
        assertThat(RunFilter.parse("tags.team LIKE 'a%'").toSql().sql()).contains("k.value like ?");
    }

    @Test
    void quotedAndDottedKeys() {
        assertThat(parse("metrics.`my metric` > 1")).isEqualTo(
                cmp(Field.metric("my metric"), Op.GT, new NumberValue("1")));
        assertThat(parse("params.\"a b\" = 'x'")).isEqualTo(cmp(Field.param("a b"), Op.EQ, new StringValue("x")));
        assertThat(parse("tags.mlflow.runName = 'x'")).isEqualTo(
                cmp(Field.tag("mlflow.runName"), Op.EQ, new StringValue("x")));
        assertThat(parse("tags.`mlflow.user` = 'x'")).isEqualTo(
                cmp(Field.tag("mlflow.user"), Op.EQ, new StringValue("x")));
        assertThat(parse("metrics.`a``b` = 1")).isEqualTo(cmp(Field.metric("a`b"), Op.EQ, new NumberValue("1")));
        assertThat(parse("metrics.train/loss-v2:x < 1")).isEqualTo(
                cmp(Field.metric("train/loss-v2:x"), Op.LT, new NumberValue("1")));
    }

    @Test
    void singularAndAliasPrefixes() {
        assertThat(parse("metric.a = 1")).isEqualTo(parse("metrics.a = 1"));
        assertThat(parse("param.a = 'x'")).isEqualTo(parse("params.a = 'x'"));
        assertThat(parse("tag.a = 'x'")).isEqualTo(parse("tags.a = 'x'"));
        Condition runName = cmp(Field.attribute("run_name"), Op.EQ, new StringValue("x"));
        for (String prefix : List.of("attributes.", "attribute.", "attr.", "run.", "", "ATTRIBUTES.")) {
            assertThat(parse(prefix + "run_name = 'x'")).isEqualTo(runName);
        }
        assertThat(parse("attributes.created > 5")).isEqualTo(parse("start_time > 5"));
        assertThat(parse("dataset.name = 'x'")).isEqualTo(parse("datasets.name = 'x'"));
    }

    @Test
    void andBindsTighterThanOr() {
        Comparison a = cmp(Field.param("a"), Op.EQ, new StringValue("1"));
        Comparison b = cmp(Field.param("b"), Op.EQ, new StringValue("2"));
        Comparison c = cmp(Field.param("c"), Op.EQ, new StringValue("3"));
        assertThat(parse("params.a = '1' or params.b = '2' and params.c = '3'"))
                .isEqualTo(new Or(List.of(a, new And(List.of(b, c)))));
        assertThat(parse("params.a = '1' AND params.b = '2' Or params.c = '3'"))
                .isEqualTo(new Or(List.of(new And(List.of(a, b)), c)));
        assertThat(parse("params.a = '1' and params.b = '2' and params.c = '3'"))
                .isEqualTo(new And(List.of(a, b, c)));
    }

    @Test
    void parenthesesGroup() {
        Comparison a = cmp(Field.param("a"), Op.EQ, new StringValue("1"));
        Comparison b = cmp(Field.param("b"), Op.EQ, new StringValue("2"));
        Comparison c = cmp(Field.param("c"), Op.EQ, new StringValue("3"));
        assertThat(parse("(params.a = '1' or params.b = '2') and params.c = '3'"))
                .isEqualTo(new And(List.of(new Or(List.of(a, b)), c)));
        assertThat(parse("((params.a='1'))and(params.b='2'or params.c='3')"))
                .isEqualTo(new And(List.of(a, new Or(List.of(b, c)))));
        SqlFragment sql = RunFilter.parse("(params.a = '1' or params.b = '2') and metrics.m > 0").toSql();
        assertThat(sql.sql()).startsWith("((exists").contains(") or exists").contains(")) and exists");
        assertThat(sql.params()).containsExactly("a", "1", "b", "2", "m", 0.0);
    }

    @Test
    void inAndNotInLists() {
        assertThat(parse("params.opt IN ('adam', \"sgd\")")).isEqualTo(
                cmp(Field.param("opt"), Op.IN, new StringList(List.of("adam", "sgd"))));
        assertThat(parse("params.opt not  in ('adam')")).isEqualTo(
                cmp(Field.param("opt"), Op.NOT_IN, new StringList(List.of("adam"))));
        SqlFragment sql = RunFilter.parse("tags.t in ('a','b','c')").toSql();
        assertThat(sql.sql()).endsWith("k.key = ? and k.value in (?, ?, ?))");
        assertThat(sql.params()).containsExactly("t", "a", "b", "c");
        assertThat(RunFilter.parse("tags.t NOT IN ('a')").toSql().sql()).endsWith("k.value not in (?))");
    }

    @Test
    void runIdAcceptsHexOrUuidAndBindsUuid() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        SqlFragment sql = RunFilter.parse("attributes.run_id = '0f8fad5bd9cb469fa16570867728950e'").toSql();
        assertThat(sql.sql()).isEqualTo("r.id = ?");
        assertThat(sql.params()).containsExactly(id);
        sql = RunFilter.parse("run_id IN ('0F8FAD5B-D9CB-469F-A165-70867728950E', "
                + "'00000000000000000000000000000001')").toSql();
        assertThat(sql.sql()).isEqualTo("r.id in (?, ?)");
        assertThat(sql.params()).containsExactly(id, UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(RunFilter.parse("run_id != '0f8fad5bd9cb469fa16570867728950e'").toSql().sql()).isEqualTo("r.id <> ?");
    }

    @Test
    void statusMapsMlflowNamesToOurs() {
        assertThat(RunFilter.parse("status = 'FINISHED'").toSql()).isEqualTo(SqlFragment.of("r.status = ?", "succeeded"));
        assertThat(RunFilter.parse("attributes.status != 'killed'").toSql())
                .isEqualTo(SqlFragment.of("r.status <> ?", "cancelled"));
        assertThat(RunFilter.parse("status IN ('SCHEDULED', 'running', 'Failed', 'succeeded')").toSql())
                .isEqualTo(SqlFragment.of("r.status in (?, ?, ?, ?)", "queued", "running", "failed", "succeeded"));
        SqlFragment like = RunFilter.parse("status LIKE 'FIN%'").toSql();
        assertThat(like.sql()).startsWith("(r.status like ? or (case r.status when 'queued' then 'SCHEDULED'")
                .endsWith("end) like ?)");
        assertThat(like.params()).containsExactly("FIN%", "FIN%");
    }

    @Test
    void timesBindUtcTimestamps() {
        SqlFragment sql = RunFilter.parse("start_time >= 1700000000000 and attributes.end_time < 1700000060000").toSql();
        assertThat(sql.sql()).isEqualTo("(r.start_time >= ? and r.end_time < ?)");
        assertThat(sql.params()).containsExactly(
                OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2023, 11, 14, 22, 14, 20, 0, ZoneOffset.UTC));
        assertThat(RunFilter.parse("created > 1.7e12").toSql().params())
                .containsExactly(OffsetDateTime.of(2023, 11, 14, 22, 13, 20, 0, ZoneOffset.UTC));
    }

    @Test
    void otherStringAttributesAndDatasets() {
        assertThat(RunFilter.parse("run_name LIKE 'bert-%'").toSql()).isEqualTo(SqlFragment.of("r.name like ?", "bert-%"));
        assertThat(RunFilter.parse("attributes.user_id = 'ann'").toSql())
                .isEqualTo(SqlFragment.of("r.created_by = ?", "ann"));
        assertThat(RunFilter.parse("datasets.digest IN ('abc')").toSql()).isEqualTo(SqlFragment.of(
                "exists (select 1 from run_inputs i where i.run_id = r.id and i.digest in (?))", "abc"));
        assertThat(RunFilter.parse("datasets.context = 'training'").toSql().sql()).contains("i.context = ?");
        assertThat(RunFilter.parse("datasets.NAME = 'x'").toSql().sql()).contains("i.name = ?");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("params.a like 'x' AND params.b iLiKe 'y' oR params.c In ('z') and params.d nOt iN ('w')"))
                .isInstanceOf(Or.class);
    }

    @Test
    void listsReferencedKeys() {
        RunFilter filter = RunFilter.parse(
                "metrics.acc > 1 and (params.lr = '1' or metrics.loss < 2 or tags.t = 'x') and metrics.acc < 3");
        assertThat(filter.metricKeys()).containsExactly("acc", "loss");
        assertThat(filter.paramKeys()).containsExactly("lr");
        assertThat(filter.tagKeys()).containsExactly("t");
        assertThat(filter.comparisons()).hasSize(5);
        assertThat(RunFilter.ALL.metricKeys()).isEmpty();
    }

    @Test
    void toStringIsCanonicalAndReparses() {
        RunFilter filter = RunFilter.parse("metric.`my acc` >= -1E3 or (param.x in ('a''b') and run_name = \"n\")");
        assertThat(filter.toString())
                .isEqualTo("(metrics.`my acc` >= -1E3 OR (params.x IN ('a''b') AND attributes.run_name = 'n'))");
        assertThat(RunFilter.parse(filter.toString())).isEqualTo(filter);
    }

    @Test
    void acceptsTheLimits() {
        String fifty = String.join(" and ", Collections.nCopies(50, "metrics.a > 1"));
        assertThat(RunFilter.parse(fifty).comparisons()).hasSize(50);
        String deep = "(".repeat(20) + "metrics.a > 1" + ")".repeat(20);
        assertThat(parse(deep)).isInstanceOf(Comparison.class);
        String longest = "params.x = '" + "a".repeat(4000 - 14) + "'" + " ";
        assertThat(longest).hasSize(4000);
        assertThat(RunFilter.parse(longest).comparisons()).hasSize(1);
    }

    static Stream<Arguments> errors() {
        String forms = "metrics.<key>, params.<key>, tags.<key>, attributes.<name>, datasets.<field> or one of "
                + "run_id, run_name, status, start_time, end_time, created, user_id";
        String comparators = "(=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)";
        return Stream.of(
                Arguments.of("metrics.acc", 12,
                        "expected a comparator " + comparators + " after 'metrics.acc', got the end of the filter"),
                Arguments.of("metrics.acc 0.5", 13,
                        "expected a comparator " + comparators + " after 'metrics.acc', got '0.5'"),
                Arguments.of("params.x NOT 'a'", 10,
                        "expected a comparator " + comparators + " after 'params.x', got 'NOT'"),
                Arguments.of("metrics.acc > 'abc'", 15, "metrics.acc: '>' needs a number, got 'abc'"),
                Arguments.of("metrics.acc > abc", 15, "metrics.acc: '>' needs a number, got 'abc'"),
                Arguments.of("metrics.acc > 1.2.3", 15, "metrics.acc: '>' needs a number, got '1.2.3'"),
                Arguments.of("metrics.acc LIKE '%a'", 13,
                        "metrics.acc: 'LIKE' is not supported for metrics; use =, !=, <, <=, >, >="),
                Arguments.of("metrics.acc IN ('1')", 13,
                        "metrics.acc: 'IN' is not supported for metrics; use =, !=, <, <=, >, >="),
                Arguments.of("params.lr = 0.1", 13, "params.lr: '=' needs a quoted string, got 0.1"),
                Arguments.of("tags.t = abc", 10, "tags.t: '=' needs a quoted string, got abc"),
                Arguments.of("params.lr > '0.1'", 11,
                        "params.lr: '>' is not supported for params; use =, !=, LIKE, ILIKE, IN, NOT IN"),
                Arguments.of("run_name < 'b'", 10,
                        "run_name: '<' is not supported for run_name; use =, !=, LIKE, ILIKE, IN, NOT IN"),
                Arguments.of("attributes.foo = 'x'", 12,
                        "unknown attribute 'foo'; valid: run_id, run_name, status, start_time, end_time, created, "
                                + "user_id"),
                Arguments.of("foo = 'x'", 1, "unknown identifier 'foo'; use " + forms),
                Arguments.of("metrics.a > 1 and not params.x = 'a'", 19, "unknown identifier 'not'; use " + forms),
                Arguments.of("foo.bar = 'x'", 1,
                        "unknown identifier type 'foo'; valid: metrics, params, tags, attributes, datasets"),
                Arguments.of("datasets.size = 'x'", 10, "unknown dataset field 'size'; valid: name, digest, context"),
                Arguments.of("metrics. > 1", 9, "expected a key after 'metrics.', got ' '"),
                Arguments.of("metrics.`` > 1", 9, "empty key after 'metrics.'"),
                Arguments.of("metrics.`acc > 1", 9, "unterminated key (missing closing `)"),
                Arguments.of("params.x = 'abc", 12, "unterminated string (missing closing ')"),
                Arguments.of("params.x = 'a' and", 19, "expected an identifier (" + forms + "), got the end of the filter"),
                Arguments.of("()", 2, "expected an identifier (" + forms + "), got ')'"),
                Arguments.of("'a' = params.x", 1, "expected an identifier (" + forms + "), got a quoted string"),
                Arguments.of("(params.x = 'a'", 16, "missing ')' for the '(' at position 1"),
                Arguments.of("(params.x = 'a' params.y = 'b')", 17, "expected AND, OR or ')', got 'params.y'"),
                Arguments.of("params.x = 'a')", 15, "unmatched ')'"),
                Arguments.of("params.x = 'a' params.y = 'b'", 16,
                        "expected AND, OR or the end of the filter, got 'params.y'"),
                Arguments.of("params.x IN 'a'", 13,
                        "params.x: IN needs a parenthesized list of quoted strings, e.g. ('a', 'b'), got a quoted string"),
                Arguments.of("params.x IN ()", 14, "params.x: IN needs at least one value"),
                Arguments.of("params.x NOT IN ('a', 1)", 23, "params.x: NOT IN list items must be quoted strings, got 1"),
                Arguments.of("params.x IN ('a' 'b')", 18, "expected ',' or ')' in the IN list, got a quoted string"),
                Arguments.of("attributes.run_id = 'xyz'", 21,
                        "attributes.run_id: 'xyz' is not a run id (32 hex digits or a UUID)"),
                Arguments.of("run_id LIKE 'a%'", 8, "run_id: 'LIKE' is not supported for run_id; use =, !=, IN, NOT IN"),
                Arguments.of("status = 'DONE'", 10, "status: 'DONE' is not a run status; valid: RUNNING, SCHEDULED, "
                        + "FINISHED, FAILED, KILLED (or queued, running, succeeded, failed, cancelled)"),
                Arguments.of("start_time > 1.5", 14, "start_time: '>' needs whole epoch milliseconds, got 1.5"),
                Arguments.of("start_time > 1e20", 14,
                        "start_time: 1e20 is out of range (epoch milliseconds of years 1 to 9999)"),
                Arguments.of("end_time > '2024'", 12, "end_time: '>' needs a number, got '2024'"),
                Arguments.of("start_time LIKE '1%'", 12,
                        "start_time: 'LIKE' is not supported for start_time; use =, !=, <, <=, >, >="),
                Arguments.of("metrics.acc == 1", 14, "expected a value after 'metrics.acc =', got '='"),
                Arguments.of("metrics.acc <> 1", 14, "expected a value after 'metrics.acc <', got '>'"),
                Arguments.of("metrics.acc >", 14, "expected a value after 'metrics.acc >', got the end of the filter"),
                Arguments.of(String.join(" or ", Collections.nCopies(51, "metrics.a > 1")), 50 * 17 + 1,
                        "more than 50 comparisons"),
                Arguments.of("(".repeat(21) + "metrics.a > 1" + ")".repeat(21), 21,
                        "parentheses nested deeper than 20 levels"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejectsWithPositionAndMessage(String filter, int position, String detail) {
        assertThatThrownBy(() -> RunFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("Invalid filter at position " + position + ": " + detail)
                .extracting(e -> ((FilterSyntaxException) e).position()).isEqualTo(position);
    }

    @Test
    void rejectsOverlongFilter() {
        String filter = "params.x = '" + "a".repeat(4000) + "'";
        assertThatThrownBy(() -> RunFilter.parse(filter))
                .isInstanceOf(FilterSyntaxException.class)
                .hasMessage("Invalid filter: 4013 characters, the limit is 4000");
    }
}
