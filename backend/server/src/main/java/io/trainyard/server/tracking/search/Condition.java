package io.trainyard.server.tracking.search;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The parsed filter: comparisons combined with AND and OR. */
public sealed interface Condition {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    /** One type-checked comparison: the value's kind always suits the field and the operator. */
    record Comparison(Field field, Op op, Value value) implements Condition {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return field + " " + op.symbol() + " " + value;
        }
    }
}
