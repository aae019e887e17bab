package io.trainyard.server.tracking.search;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A comparator of the filter syntax. */
public enum Op {
    EQ("=", "="),
    NE("!=", "<>"),
    LT("<", "<"),
    LE("<=", "<="),
    GT(">", ">"),
    GE(">=", ">="),
    LIKE("LIKE", "like"),
    ILIKE("ILIKE", "ilike"),
    IN("IN", "in"),
    NOT_IN("NOT IN", "not in");

    static final Set<Op> NUMERIC = EnumSet.of(EQ, NE, LT, LE, GT, GE);
    static final Set<Op> STRING = EnumSet.of(EQ, NE, LIKE, ILIKE, IN, NOT_IN);
    static final Set<Op> IDENTITY = EnumSet.of(EQ, NE, IN, NOT_IN);

    private final String symbol;
    private final String sql;

    Op(String symbol, String sql) {
        this.symbol = symbol;
        this.sql = sql;
    }

    /** As written in a filter: {@code =}, {@code !=}, {@code LIKE}, {@code NOT IN}... */
    public String symbol() {
        return symbol;
    }

    String sql() {
        return sql;
    }

    boolean isList() {
        return this == IN || this == NOT_IN;
    }

    static String describe(Set<Op> ops) {
        return ops.stream().map(Op::symbol).collect(Collectors.joining(", "));
    }
}
