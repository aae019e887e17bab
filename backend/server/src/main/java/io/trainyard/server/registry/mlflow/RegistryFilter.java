package io.trainyard.server.registry.mlflow;

import io.trainyard.server.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters MLflow's registry searches take: {@code name = 'x'}, {@code name LIKE|ILIKE 'x%'} and, for
 * versions, {@code run_id = 'x'} or {@code run_id IN ('a', 'b')}, joined by {@code AND}.
 */
record RegistryFilter(String nameEquals, String nameLike, List<String> runIds) {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(name|run_id)\\s*(=|LIKE|ILIKE|IN)\\s*('(?:[^'\\\\]|\\\\.)*'|\\([^)]*\\))\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+AND\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    static RegistryFilter parse(String filter, boolean versions) {
        String nameEquals = null;
        String nameLike = null;
        List<String> runIds = null;
        if (filter == null || filter.isBlank()) {
            return new RegistryFilter(null, null, null);
        }
        for (String clause : AND.split(filter.strip())) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw invalid(filter);
            }
            String key = m.group(1).toLowerCase();
            String op = m.group(2).toUpperCase();
            String value = m.group(3);
            if (key.equals("name") && op.equals("=")) {
                nameEquals = unquote(value, filter);
            } else if (key.equals("name") && (op.equals("LIKE") || op.equals("ILIKE"))) {
                nameLike = unquote(value, filter);
            } else if (versions && key.equals("run_id") && op.equals("=")) {
                runIds = List.of(unquote(value, filter));
            } else if (versions && key.equals("run_id") && op.equals("IN")) {
                runIds = new ArrayList<>();
                Matcher q = QUOTED.matcher(value);
                while (q.find()) {
                    runIds.add(q.group(1));
                }
            } else {
                throw invalid(filter);
            }
        }
        return new RegistryFilter(nameEquals, nameLike, runIds);
    }

    private static String unquote(String value, String filter) {
        if (!value.startsWith("'")) {
            throw invalid(filter);
        }
        return value.substring(1, value.length() - 1).replace("\\'", "'");
    }

    private static ApiException invalid(String filter) {
        return new ApiException.BadRequest("filter", "unsupported filter '" + filter + "': use name = 'x', "
                + "name LIKE 'x%' or, for versions, run_id = 'x' / run_id IN ('a', 'b'), joined by AND");
    }
}
