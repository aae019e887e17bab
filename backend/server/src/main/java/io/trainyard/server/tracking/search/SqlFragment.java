package io.trainyard.server.tracking.search;

import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL with positional {@code ?} parameters, in order. Parameters are String, Double, Long, UUID or
 * OffsetDateTime, which PgJDBC binds with the right types through {@code setObject}/{@code setString}.
 */
public record SqlFragment(String sql, List<Object> params) {

    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    /** The parameters as an array, for {@code JdbcTemplate.query(sql, mapper, args)}. */
    public Object[] args() {
        return params.toArray();
    }
}
