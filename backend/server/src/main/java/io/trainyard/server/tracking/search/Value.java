package io.trainyard.server.tracking.search;

import java.util.List;
import java.util.stream.Collectors;

/** The right-hand side of a comparison. */
public sealed interface Value {

    /** A quoted string. */
    record StringValue(String value) implements Value {
        @Override
        public String toString() {
            return Value.quote(value);
        }
    }

    /** A number literal, kept as written (for exact integer conversion) alongside its double value. */
    record NumberValue(String text) implements Value {

        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The parenthesized list of IN / NOT IN. */
    record StringList(List<String> values) implements Value {

        public StringList {
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            return values.stream().map(Value::quote).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
