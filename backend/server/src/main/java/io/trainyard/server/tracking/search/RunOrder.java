package io.trainyard.server.tracking.search;

import io.trainyard.server.tracking.search.Field.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed MLflow {@code order_by} list, e.g. {@code ["metrics.val_loss DESC", "params.lr", "start_time"]}.
 * Metrics sort numerically by their latest value with NaN after every number, params and tags as strings; runs
 * without the key (or with a null value) sort last in both directions, as in MLflow. {@link #toSql()} always
 * ends with the tiebreak {@value #TIEBREAK}, MLflow's default order.
 */
public record RunOrder(List<Clause> clauses) {

    public static final int MAX_CLAUSES = 10;
    public static final String TIEBREAK = "r.start_time desc nulls last, r.id";
    /** No clauses: MLflow's default order (newest start first). */
    public static final RunOrder DEFAULT = new RunOrder(List.of());

    /** One sort key. Datasets are not sortable. */
    public record Clause(Field field, boolean ascending) {
        public Clause {
            Objects.requireNonNull(field, "field");
            if (field.entity() == Entity.DATASET) {
                throw new IllegalArgumentException("datasets cannot be used to order runs");
            }
        }

        @Override
        public String toString() {
            return field + (ascending ? " ASC" : " DESC");
        }
    }

    public RunOrder {
        clauses = List.copyOf(clauses);
    }

    /**
     * Parses MLflow {@code order_by} strings ({@code identifier [ASC|DESC]}); null or empty is the default order.
     *
     * @throws FilterSyntaxException on a clause that does not parse, or more than {@value #MAX_CLAUSES} clauses
     */
    public static RunOrder parse(List<String> orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return DEFAULT;
        }
        if (orderBy.size() > MAX_CLAUSES) {
            throw new FilterSyntaxException("Invalid order_by: " + orderBy.size() + " clauses, the limit is "
                    + MAX_CLAUSES);
        }
        List<Clause> clauses = new ArrayList<>();
        for (String clause : orderBy) {
            clauses.add(FilterParser.parseOrderClause(clause));
        }
        return new RunOrder(clauses);
    }

    /** The ORDER BY list over {@code runs r}, without the keyword. */
    public SqlFragment toSql() {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Clause clause : clauses) {
            String direction = clause.ascending() ? " asc nulls last" : " desc nulls last";
            Field field = clause.field();
            switch (field.entity()) {
                case METRIC -> {
                    String value = "(select m.latest_value from metric_series m where m.run_id = r.id and m.key = ?)";
                    if (!clause.ascending()) {
                        // PostgreSQL puts NaN above every number; MLflow puts it after them in both directions
                        sql.append(value).append(" = 'NaN'::float8 asc nulls last, ");
                        params.add(field.key());
                    }
                    sql.append(value).append(direction);
                    params.add(field.key());
                }
                case PARAM, TAG -> {
                    String table = field.entity() == Entity.PARAM ? "run_params" : "run_tags";
                    sql.append("(select k.value from ").append(table).append(" k where k.run_id = r.id and k.key = ?)")
                            .append(direction);
                    params.add(field.key());
                }
                case ATTRIBUTE -> sql.append(switch (field.key()) {
                    case Field.RUN_ID -> "r.id";
                    case Field.RUN_NAME -> "r.name";
                    case Field.STATUS -> "r.status";
                    case Field.START_TIME -> "r.start_time";
                    case Field.END_TIME -> "r.end_time";
                    case Field.USER_ID -> "r.created_by";
                    default -> throw new IllegalArgumentException("attribute " + field.key());
                }).append(direction);
                case DATASET -> throw new IllegalStateException("unreachable");
            }
            sql.append(", ");
        }
        sql.append(TIEBREAK);
        return new SqlFragment(sql.toString(), params);
    }

    /** Metric keys the order sorts by. */
    public Set<String> metricKeys() {
        return keys(Entity.METRIC);
    }

    /** Param keys the order sorts by. */
    public Set<String> paramKeys() {
        return keys(Entity.PARAM);
    }

    /** Tag keys the order sorts by. */
    public Set<String> tagKeys() {
        return keys(Entity.TAG);
    }

    private Set<String> keys(Entity entity) {
        Set<String> keys = new LinkedHashSet<>();
        clauses.stream().filter(c -> c.field().entity() == entity).forEach(c -> keys.add(c.field().key()));
        return Collections.unmodifiableSet(keys);
    }
}
