package io.trainyard.server.tracking.search;

import io.trainyard.server.tracking.search.Condition.And;
import io.trainyard.server.tracking.search.Condition.Comparison;
import io.trainyard.server.tracking.search.Condition.Or;
import io.trainyard.server.tracking.search.Field.Entity;
import io.trainyard.server.tracking.search.Value.NumberValue;
import io.trainyard.server.tracking.search.Value.StringList;
import io.trainyard.server.tracking.search.Value.StringValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A parsed, type-checked run search filter in MLflow's {@code search_runs} syntax, extended with OR and
 * parentheses, e.g. {@code metrics.acc > 0.9 and (params.optimizer = 'adam' or tags.`team name` LIKE 'ml-%')}.
 * Immutable and thread-safe. {@link #toSql()} renders a boolean expression over the {@code runs} table aliased
 * {@code r}; every user value and key goes in as a parameter.
 */
public final class RunFilter {

    /** Matches every run. */
    public static final RunFilter ALL = new RunFilter(null);

    private static final String STATUS_AS_MLFLOW = "(case r.status when 'queued' then 'SCHEDULED' "
            + "when 'running' then 'RUNNING' when 'succeeded' then 'FINISHED' when 'failed' then 'FAILED' "
            + "when 'cancelled' then 'KILLED' end)";

    private final Condition condition;

    private RunFilter(Condition condition) {
        this.condition = condition;
    }

    /**
     * Parses a filter; null or blank matches every run.
     *
     * @throws FilterSyntaxException with a message for the user, on any syntax or type error or when the filter
     *     is over {@value FilterParser#MAX_LENGTH} characters, {@value FilterParser#MAX_COMPARISONS} comparisons
     *     or {@value FilterParser#MAX_DEPTH} levels of parentheses
     */
    public static RunFilter parse(String filter) {
        Condition condition = FilterParser.parseFilter(filter);
        return condition == null ? ALL : new RunFilter(condition);
    }

    /** Wraps an already built condition (no limits are checked). */
    public static RunFilter of(Condition condition) {
        return new RunFilter(condition);
    }

    /** The parsed condition; empty when the filter matches every run. */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    public boolean matchesAll() {
        return condition == null;
    }

    /** A boolean SQL expression over {@code runs r}: {@code true} when the filter matches every run. */
    public SqlFragment toSql() {
        if (condition == null) {
            return SqlFragment.of("true");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        write(condition, sql, params);
        return new SqlFragment(sql.toString(), params);
    }

    /** Metric keys the filter compares, in order of appearance. */
    public Set<String> metricKeys() {
        return keys(Entity.METRIC);
    }

    /** Param keys the filter compares, in order of appearance. */
    public Set<String> paramKeys() {
        return keys(Entity.PARAM);
    }

    /** Tag keys the filter compares, in order of appearance. */
    public Set<String> tagKeys() {
        return keys(Entity.TAG);
    }

    /** Every comparison, in order of appearance. */
    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        collect(condition, out);
        return Collections.unmodifiableList(out);
    }

    private Set<String> keys(Entity entity) {
        Set<String> keys = new LinkedHashSet<>();
        for (Comparison c : comparisons()) {
            if (c.field().entity() == entity) {
                keys.add(c.field().key());
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    private static void collect(Condition condition, List<Comparison> out) {
        if (condition instanceof And and) {
            and.operands().forEach(c -> collect(c, out));
        } else if (condition instanceof Or or) {
            or.operands().forEach(c -> collect(c, out));
        } else if (condition instanceof Comparison c) {
            out.add(c);
        }
    }

    private static void write(Condition condition, StringBuilder sql, List<Object> params) {
        if (condition instanceof And and) {
            writeAll(and.operands(), " and ", sql, params);
        } else if (condition instanceof Or or) {
            writeAll(or.operands(), " or ", sql, params);
        } else {
            comparison((Comparison) condition, sql, params);
        }
    }

    private static void writeAll(List<Condition> operands, String joiner, StringBuilder sql, List<Object> params) {
        sql.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                sql.append(joiner);
            }
            write(operands.get(i), sql, params);
        }
        sql.append(')');
    }

    private static void comparison(Comparison c, StringBuilder sql, List<Object> params) {
        Field field = c.field();
        Op op = c.op();
        switch (field.entity()) {
            case METRIC -> {
                sql.append("exists (select 1 from metric_series m where m.run_id = r.id and m.key = ?"
                        + " and m.latest_value <> 'NaN'::float8 and m.latest_value ").append(op.sql()).append(" ?)");
                params.add(field.key());
                params.add(((NumberValue) c.value()).doubleValue());
            }
            case PARAM -> keyed("run_params", field.key(), c, sql, params);
            case TAG -> keyed("run_tags", field.key(), c, sql, params);
            case DATASET -> {
                String column = switch (field.key()) {
                    case "name" -> "i.name";
                    case "digest" -> "i.digest";
                    case "context" -> "i.context";
                    default -> throw new IllegalArgumentException("dataset field " + field.key());
                };
                sql.append("exists (select 1 from run_inputs i where i.run_id = r.id and ");
                stringCompare(column, op, c.value(), sql, params);
                sql.append(')');
            }
            case ATTRIBUTE -> attribute(c, sql, params);
        }
    }

    private static void keyed(String table, String key, Comparison c, StringBuilder sql, List<Object> params) {
        sql.append("exists (select 1 from ").append(table).append(" k where k.run_id = r.id and k.key = ? and ");
        params.add(key);
        stringCompare("k.value", c.op(), c.value(), sql, params);
        sql.append(')');
    }

    private static void stringCompare(String column, Op op, Value value, StringBuilder sql, List<Object> params) {
        sql.append(column).append(' ').append(op.sql());
        if (value instanceof StringList list) {
            sql.append(list.values().stream().map(v -> "?").collect(Collectors.joining(", ", " (", ")")));
            params.addAll(list.values());
        } else {
            sql.append(" ?");
            params.add(((StringValue) value).value());
        }
    }

    private static void attribute(Comparison c, StringBuilder sql, List<Object> params) {
        Op op = c.op();
        switch (c.field().key()) {
            case Field.RUN_NAME -> stringCompare("r.name", op, c.value(), sql, params);
            case Field.USER_ID -> stringCompare("r.created_by", op, c.value(), sql, params);
            case Field.START_TIME, Field.END_TIME -> {
                long millis = new java.math.BigDecimal(((NumberValue) c.value()).text()).longValueExact();
                sql.append("r.").append(c.field().key()).append(' ').append(op.sql()).append(" ?");
                params.add(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
            }
            case Field.RUN_ID -> {
                sql.append("r.id ").append(op.sql());
                if (c.value() instanceof StringList list) {
                    sql.append(list.values().stream().map(v -> "?").collect(Collectors.joining(", ", " (", ")")));
                    list.values().forEach(v -> params.add(UUID.fromString(v)));
                } else {
                    sql.append(" ?");
                    params.add(UUID.fromString(((StringValue) c.value()).value()));
                }
            }
            case Field.STATUS -> {
                if (op == Op.LIKE || op == Op.ILIKE) {
                    // matches our stored name or the MLflow one
                    String pattern = ((StringValue) c.value()).value();
                    sql.append("(r.status ").append(op.sql()).append(" ? or ").append(STATUS_AS_MLFLOW).append(' ')
                            .append(op.sql()).append(" ?)");
                    params.add(pattern);
                    params.add(pattern);
                } else if (c.value() instanceof StringList list) {
                    stringCompare("r.status", op, new StringList(list.values().stream().map(RunFilter::status)
                            .toList()), sql, params);
                } else {
                    stringCompare("r.status", op, new StringValue(status(((StringValue) c.value()).value())), sql,
                            params);
                }
            }
            default -> throw new IllegalArgumentException("attribute " + c.field().key());
        }
    }

    private static String status(String value) {
        String ours = FilterParser.STATUSES.get(value.toUpperCase(Locale.ROOT));
        if (ours == null) {
            throw new FilterSyntaxException("'" + value + "' is not a run status");
        }
        return ours;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunFilter other && java.util.Objects.equals(condition, other.condition);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(condition);
    }

    /** The filter in canonical syntax (empty when it matches every run). */
    @Override
    public String toString() {
        return condition == null ? "" : condition.toString();
    }
}
