package io.trainyard.server.tracking.search;

import io.trainyard.server.tracking.search.Condition.And;
import io.trainyard.server.tracking.search.Condition.Comparison;
import io.trainyard.server.tracking.search.Condition.Or;
import io.trainyard.server.tracking.search.Field.Entity;
import io.trainyard.server.tracking.search.Value.NumberValue;
import io.trainyard.server.tracking.search.Value.StringList;
import io.trainyard.server.tracking.search.Value.StringValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hand-written recursive-descent parser (scannerless) for MLflow's search_runs filter syntax plus OR and
 * parentheses:
 *
 * <pre>
 * filter     := or EOF | blank
 * or         := and ("OR" and)*
 * and        := primary ("AND" primary)*
 * primary    := "(" or ")" | comparison
 * comparison := identifier comparator value
 * identifier := prefix "." key | attribute
 * key        := [A-Za-z0-9_.-/:]+ | `...` | "..."
 * comparator := = | != | &lt; | &lt;= | &gt; | &gt;= | LIKE | ILIKE | IN | NOT IN
 * value      := 'string' | "string" | number | "(" string ("," string)* ")"
 * </pre>
 *
 * Also parses single order-by clauses ({@code identifier [ASC|DESC]}). Positions in messages are 1-based.
 */
final class FilterParser {

    static final int MAX_LENGTH = 4000;
    static final int MAX_COMPARISONS = 50;
    static final int MAX_DEPTH = 20;

    static final String VALID_ATTRIBUTES = String.join(", ", Field.ATTRIBUTES);
    static final String VALID_DATASET_FIELDS = String.join(", ", Field.DATASET_FIELDS);
    private static final String IDENTIFIER_FORMS = "metrics.<key>, params.<key>, tags.<key>, attributes.<name>, "
            + "datasets.<field> or one of " + VALID_ATTRIBUTES;

    private static final Map<String, Entity> PREFIXES = Map.ofEntries(
            Map.entry("metrics", Entity.METRIC), Map.entry("metric", Entity.METRIC),
            Map.entry("params", Entity.PARAM), Map.entry("param", Entity.PARAM),
            Map.entry("tags", Entity.TAG), Map.entry("tag", Entity.TAG),
            Map.entry("attributes", Entity.ATTRIBUTE), Map.entry("attribute", Entity.ATTRIBUTE),
            Map.entry("attr", Entity.ATTRIBUTE), Map.entry("run", Entity.ATTRIBUTE),
            Map.entry("datasets", Entity.DATASET), Map.entry("dataset", Entity.DATASET));

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern UUID_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Epoch milliseconds PostgreSQL and PgJDBC handle without surprise: years 1 to 9999. */
    static final long MIN_MILLIS = -62_135_596_800_000L;
    static final long MAX_MILLIS = 253_402_300_799_999L;

    /** MLflow statuses and ours, upper-cased, to ours. */
    static final Map<String, String> STATUSES = Map.of(
            "SCHEDULED", "queued", "RUNNING", "running", "FINISHED", "succeeded", "FAILED", "failed",
            "KILLED", "cancelled", "QUEUED", "queued", "SUCCEEDED", "succeeded", "CANCELLED", "cancelled");

    private final String in;
    private final String what;
    private int pos;
    private int comparisons;
    private int depth;

    private FilterParser(String in, String what) {
        this.in = in;
        this.what = what;
    }

    /** Parses a whole filter; null when it is blank (matches every run). */
    static Condition parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > MAX_LENGTH) {
            throw new FilterSyntaxException("Invalid filter: " + filter.length() + " characters, the limit is "
                    + MAX_LENGTH);
        }
        FilterParser parser = new FilterParser(filter, "filter");
        Condition condition = parser.or();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error(parser.pos, parser.peek() == ')' ? "unmatched ')'"
                    : "expected AND, OR or the end of the filter, got " + parser.found());
        }
        return condition;
    }

    /** Parses one order-by clause: an identifier, then optionally ASC or DESC. */
    static RunOrder.Clause parseOrderClause(String clause) {
        if (clause == null || clause.isBlank()) {
            throw new FilterSyntaxException("Invalid order_by: empty clause");
        }
        if (clause.length() > MAX_LENGTH) {
            throw new FilterSyntaxException("Invalid order_by: clause of " + clause.length()
                    + " characters, the limit is " + MAX_LENGTH);
        }
        FilterParser parser = new FilterParser(clause, "order_by clause '" + clause + "'");
        parser.skipSpace();
        Identifier id = parser.identifier();
        if (id.field.entity() == Entity.DATASET) {
            throw parser.error(id.start, id.text + " cannot be used to order runs");
        }
        parser.skipSpace();
        boolean ascending = true;
        int at = parser.pos;
        if (parser.keyword("ASC")) {
            ascending = true;
        } else if (parser.keyword("DESC")) {
            ascending = false;
        } else if (!parser.atEnd()) {
            throw parser.error(at, "expected ASC, DESC or the end of the clause after '" + id.text + "', got "
                    + parser.found());
        }
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.error(parser.pos, "expected the end of the clause, got " + parser.found());
        }
        return new RunOrder.Clause(id.field, ascending);
    }

    // ---- boolean structure

    private Condition or() {
        List<Condition> operands = new ArrayList<>();
        operands.add(and());
        while (true) {
            skipSpace();
            if (!keyword("OR")) {
                break;
            }
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>();
        operands.add(primary());
        while (true) {
            skipSpace();
            if (!keyword("AND")) {
                break;
            }
            operands.add(primary());
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private Condition primary() {
        skipSpace();
        if (peek() == '(') {
            int open = pos;
            if (++depth > MAX_DEPTH) {
                throw error(open, "parentheses nested deeper than " + MAX_DEPTH + " levels");
            }
            pos++;
            Condition inner = or();
            skipSpace();
            if (peek() != ')') {
                throw error(pos, atEnd() ? "missing ')' for the '(' at position " + (open + 1)
                        : "expected AND, OR or ')', got " + found());
            }
            pos++;
            depth--;
            return inner;
        }
        return comparison();
    }

    // ---- comparisons

    private Comparison comparison() {
        int start = pos;
        if (++comparisons > MAX_COMPARISONS) {
            throw error(start, "more than " + MAX_COMPARISONS + " comparisons");
        }
        Identifier id = identifier();
        skipSpace();
        int opAt = pos;
        Op op = comparator();
        if (op == null) {
            throw error(opAt, "expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN) after '"
                    + id.text + "', got " + found());
        }
        Field field = id.field;
        String name = id.text;
        Set<Op> allowed = allowedOps(field);
        if (!allowed.contains(op)) {
            throw error(opAt, name + ": '" + op.symbol() + "' is not supported for " + kind(field) + "; use "
                    + Op.describe(allowed));
        }
        skipSpace();
        int valueAt = pos;
        Object parsed = op.isList() ? list(name, op) : scalar(name, op);
        Value value = check(field, name, op, parsed, valueAt);
        return new Comparison(field, op, value);
    }

    private static Set<Op> allowedOps(Field field) {
        return switch (field.entity()) {
            case METRIC -> Op.NUMERIC;
            case PARAM, TAG, DATASET -> Op.STRING;
            case ATTRIBUTE -> switch (field.key()) {
                case Field.START_TIME, Field.END_TIME -> Op.NUMERIC;
                case Field.RUN_ID -> Op.IDENTITY;
                default -> Op.STRING;
            };
        };
    }

    private static String kind(Field field) {
        return switch (field.entity()) {
            case METRIC -> "metrics";
            case PARAM -> "params";
            case TAG -> "tags";
            case DATASET -> "datasets";
            case ATTRIBUTE -> field.key();
        };
    }

    private static boolean numeric(Field field) {
        return field.entity() == Entity.METRIC
                || field.isAttribute(Field.START_TIME) || field.isAttribute(Field.END_TIME);
    }

    /** Type-checks (and normalizes run ids) against the field; the operator is already known to suit it. */
    private Value check(Field field, String name, Op op, Object value, int at) {
        if (numeric(field)) {
            if (!(value instanceof NumberValue number)) {
                String got = value instanceof StringValue s ? s.value() : ((BareWord) value).text();
                throw error(at, name + ": '" + op.symbol() + "' needs a number, got '" + got + "'");
            }
            if (field.entity() == Entity.ATTRIBUTE) {
                BigDecimal millis = new BigDecimal(number.text());
                if (millis.signum() != 0 && millis.stripTrailingZeros().scale() > 0) {
                    throw error(at, name + ": '" + op.symbol() + "' needs whole epoch milliseconds, got "
                            + number.text());
                }
                if (millis.compareTo(BigDecimal.valueOf(MIN_MILLIS)) < 0
                        || millis.compareTo(BigDecimal.valueOf(MAX_MILLIS)) > 0) {
                    throw error(at, name + ": " + number.text() + " is out of range (epoch milliseconds of years"
                            + " 1 to 9999)");
                }
            }
            return number;
        }
        if (value instanceof NumberValue || value instanceof BareWord) {
            throw error(at, name + ": '" + op.symbol() + "' needs a quoted string, got " + raw(value));
        }
        if (field.isAttribute(Field.RUN_ID)) {
            if (value instanceof StringValue s) {
                return new StringValue(runId(name, s.value(), at));
            }
            List<String> ids = new ArrayList<>();
            for (String s : ((StringList) value).values()) {
                ids.add(runId(name, s, at));
            }
            return new StringList(ids);
        }
        if (field.isAttribute(Field.STATUS) && op != Op.LIKE && op != Op.ILIKE) {
            List<String> statuses = value instanceof StringValue s ? List.of(s.value())
                    : ((StringList) value).values();
            for (String status : statuses) {
                if (!STATUSES.containsKey(status.toUpperCase(Locale.ROOT))) {
                    throw error(at, name + ": '" + status + "' is not a run status; valid: RUNNING, SCHEDULED, "
                            + "FINISHED, FAILED, KILLED (or queued, running, succeeded, failed, cancelled)");
                }
            }
        }
        return (Value) value;
    }

    private String runId(String name, String id, int at) {
        if (HEX_ID.matcher(id).matches()) {
            String h = id.toLowerCase(Locale.ROOT);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20);
        }
        if (UUID_ID.matcher(id).matches()) {
            return id.toLowerCase(Locale.ROOT);
        }
        throw error(at, name + ": '" + id + "' is not a run id (32 hex digits or a UUID)");
    }

    private static String raw(Object value) {
        return value instanceof BareWord w ? w.text() : value.toString();
    }

    private Op comparator() {
        char c = peek();
        char d = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
        if (c == '!' && d == '=') {
            pos += 2;
            return Op.NE;
        }
        if ((c == '<' || c == '>') && d == '=') {
            pos += 2;
            return c == '<' ? Op.LE : Op.GE;
        }
        if (c == '<' || c == '>' || c == '=') {
            pos++;
            return c == '<' ? Op.LT : c == '>' ? Op.GT : Op.EQ;
        }
        if (keyword("LIKE")) {
            return Op.LIKE;
        }
        if (keyword("ILIKE")) {
            return Op.ILIKE;
        }
        if (keyword("IN")) {
            return Op.IN;
        }
        int save = pos;
        if (keyword("NOT")) {
            skipSpace();
            if (keyword("IN")) {
                return Op.NOT_IN;
            }
            pos = save;
        }
        return null;
    }

    /** A quoted string, a number, or (for a precise type error) an unquoted word. */
    private Object scalar(String name, Op op) {
        char c = peek();
        if (c == '\'' || c == '"') {
            return new StringValue(quoted(c, "string"));
        }
        int start = pos;
        while (!atEnd() && isWordChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a value after '" + name + " " + op.symbol() + "', got " + found());
        }
        String word = in.substring(start, pos);
        return NUMBER.matcher(word).matches() ? new NumberValue(word) : new BareWord(word);
    }

    private Value list(String name, Op op) {
        if (peek() != '(') {
            throw error(pos, name + ": " + op.symbol() + " needs a parenthesized list of quoted strings, e.g. "
                    + "('a', 'b'), got " + found());
        }
        pos++;
        skipSpace();
        if (peek() == ')') {
            throw error(pos, name + ": " + op.symbol() + " needs at least one value");
        }
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpace();
            int at = pos;
            Object item = scalar(name, op);
            if (!(item instanceof StringValue s)) {
                throw error(at, name + ": " + op.symbol() + " list items must be quoted strings, got " + raw(item));
            }
            values.add(s.value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ')') {
                pos++;
                return new StringList(values);
            } else {
                throw error(pos, "expected ',' or ')' in the " + op.symbol() + " list, got " + found());
            }
        }
    }

    // ---- identifiers

    private record Identifier(Field field, String text, int start) {
    }

    private Identifier identifier() {
        int start = pos;
        if (!isIdentStart(peek())) {
            throw error(pos, "expected an identifier (" + IDENTIFIER_FORMS + "), got " + found());
        }
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        String word = in.substring(start, pos);
        if (peek() != '.') {
            String attribute = attribute(word);
            if (attribute == null) {
                throw error(start, "unknown identifier '" + word + "'; use " + IDENTIFIER_FORMS);
            }
            return new Identifier(Field.attribute(attribute), word, start);
        }
        Entity entity = PREFIXES.get(word.toLowerCase(Locale.ROOT));
        if (entity == null) {
            throw error(start, "unknown identifier type '" + word
                    + "'; valid: metrics, params, tags, attributes, datasets");
        }
        pos++;
        int keyAt = pos;
        String key;
        char c = peek();
        if (c == '`' || c == '"') {
            key = quoted(c, "key");
            if (key.isEmpty()) {
                throw error(keyAt, "empty key after '" + word + ".'");
            }
        } else {
            while (!atEnd() && isKeyChar(peek())) {
                pos++;
            }
            key = in.substring(keyAt, pos);
            if (key.isEmpty()) {
                throw error(keyAt, "expected a key after '" + word + ".', got " + found());
            }
        }
        String text = in.substring(start, pos);
        return switch (entity) {
            case ATTRIBUTE -> {
                String attribute = attribute(key);
                if (attribute == null) {
                    throw error(keyAt, "unknown attribute '" + key + "'; valid: " + VALID_ATTRIBUTES);
                }
                yield new Identifier(Field.attribute(attribute), text, start);
            }
            case DATASET -> {
                String f = key.toLowerCase(Locale.ROOT);
                if (!Field.DATASET_FIELDS.contains(f)) {
                    throw error(keyAt, "unknown dataset field '" + key + "'; valid: " + VALID_DATASET_FIELDS);
                }
                yield new Identifier(Field.dataset(f), text, start);
            }
            default -> new Identifier(new Field(entity, key), text, start);
        };
    }

    private static String attribute(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("created")) {
            return Field.START_TIME;
        }
        return Field.ATTRIBUTES.contains(n) ? n : null;
    }

    /** A string or key in the given quote; a doubled quote stands for one. */
    private String quoted(char quote, String what) {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw error(start, "unterminated " + what + " (missing closing " + quote + ")");
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                if (peek() == quote) {
                    out.append(quote);
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    // ---- scanning helpers

    /** Consumes the case-insensitive keyword when it is a whole word here. */
    private boolean keyword(String word) {
        int end = pos + word.length();
        if (end > in.length() || !in.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        if (end < in.length() && (Character.isLetterOrDigit(in.charAt(end)) || in.charAt(end) == '_')) {
            return false;
        }
        pos = end;
        return true;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= in.length();
    }

    private char peek() {
        return atEnd() ? 0 : in.charAt(pos);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+';
    }

    /** What is at the current position, for messages. */
    private String found() {
        if (atEnd()) {
            return "the end of the " + (what.equals("filter") ? "filter" : "clause");
        }
        if (peek() == '\'' || peek() == '"') {
            return "a quoted string";
        }
        int end = pos;
        if (isWordChar(peek())) {
            while (end < in.length() && isWordChar(in.charAt(end)) && end - pos < 30) {
                end++;
            }
        } else {
            end = pos + 1;
        }
        return "'" + in.substring(pos, end) + "'";
    }

    private FilterSyntaxException error(int at, String detail) {
        return new FilterSyntaxException("Invalid " + what + " at position " + (at + 1) + ": " + detail, at + 1);
    }

    /** An unquoted word where a value belongs: only ever reported, never part of a parsed filter. */
    private record BareWord(String text) {
    }
}
