package io.trainyard.server.tracking.pages;

import io.trainyard.client.model.Run;
import io.trainyard.server.tracking.search.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.web.util.UriComponentsBuilder;

/** What the runs table shows, with every link (sort, pages) computed here rather than in the template. */
record RunsTable(List<Column> metricColumns, List<Column> paramColumns, Column nameColumn, Column startColumn,
                 List<Row> rows, List<String> availableMetrics, List<String> availableParams, String metricsText,
                 String paramsText, String filter, String nextUrl, String firstUrl) {

    /** Shown when no columns are chosen: the keys the page's runs have, at most this many of each. */
    static final int DEFAULT_COLUMNS = 8;

    record Query(String experimentId, String filter, String orderBy, List<String> metrics, List<String> params,
                 String pageToken) {

        String url(String newOrderBy, String newPageToken) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/experiments/{id}");
            if (filter != null) {
                url.queryParam("filter", "{filter}");
            }
            if (!metrics.isEmpty()) {
                url.queryParam("metrics", "{metrics}");
            }
            if (!params.isEmpty()) {
                url.queryParam("params", "{params}");
            }
            if (newOrderBy != null) {
                url.queryParam("orderBy", "{orderBy}");
            }
            if (newPageToken != null) {
                url.queryParam("pageToken", "{pageToken}");
            }
            java.util.Map<String, Object> values = new java.util.HashMap<>();
            values.put("id", experimentId);
            values.put("filter", filter);
            values.put("metrics", String.join(",", metrics));
            values.put("params", String.join(",", params));
            values.put("orderBy", newOrderBy);
            values.put("pageToken", newPageToken);
            return url.encode().buildAndExpand(values).toUriString();
        }
    }

    /** A sortable header: {@code ariaSort} is ascending, descending or none. */
    record Column(String key, String label, String sortUrl, String ariaSort) {

        public String indicator() {
            return switch (ariaSort) {
                case "ascending" -> " ▲";
                case "descending" -> " ▼";
                default -> "";
            };
        }
    }

    record Row(Run run, String status, String started, String duration, List<String> metrics, List<String> params) {
    }

    static List<String> keys(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .limit(50).toList();
    }

    static RunsTable of(Query query, List<Run> runs, String nextPageToken) {
        TreeSet<String> metricKeys = new TreeSet<>();
        TreeSet<String> paramKeys = new TreeSet<>();
        runs.forEach(run -> {
            metricKeys.addAll(run.latestMetrics().keySet());
            paramKeys.addAll(run.params().keySet());
        });
        List<String> metrics = query.metrics().isEmpty()
                ? metricKeys.stream().limit(DEFAULT_COLUMNS).toList() : query.metrics();
        List<String> params = query.params().isEmpty()
                ? paramKeys.stream().limit(DEFAULT_COLUMNS).toList() : query.params();
        List<Row> rows = new ArrayList<>();
        for (Run run : runs) {
            rows.add(new Row(run, run.status().wireName(), PageFormat.instant(run.startedAt()),
                    duration(run.startedAt(), run.endedAt()),
                    metrics.stream().map(key -> PageFormat.number(run.latestMetrics().get(key))).toList(),
                    params.stream().map(key -> run.params().getOrDefault(key, "")).toList()));
        }
        return new RunsTable(
                metrics.stream().map(key -> column(query, Field.metric(key).toString(), key, false)).toList(),
                params.stream().map(key -> column(query, Field.param(key).toString(), key, false)).toList(),
                column(query, "attributes.run_name", "Name", true),
                column(query, "attributes.start_time", "Started", false),
                rows, List.copyOf(metricKeys), List.copyOf(paramKeys),
                String.join(",", query.metrics()), String.join(",", query.params()),
                query.filter() == null ? "" : query.filter(),
                nextPageToken == null ? null : query.url(query.orderBy(), nextPageToken),
                query.pageToken() == null ? null : query.url(query.orderBy(), null));
    }

    /** The first click sorts descending (best metric first), except names, which start ascending. */
    private static Column column(Query query, String field, String label, boolean ascendingFirst) {
        String current = query.orderBy() == null ? "" : query.orderBy().strip().replaceAll("\\s+", " ");
        String sort = "none";
        if (current.equalsIgnoreCase(field + " DESC")) {
            sort = "descending";
        } else if (current.equalsIgnoreCase(field + " ASC") || current.equalsIgnoreCase(field)) {
            sort = "ascending";
        }
        boolean nextAscending = switch (sort) {
            case "ascending" -> false;
            case "descending" -> true;
            default -> ascendingFirst;
        };
        String next = field + (nextAscending ? " ASC" : " DESC");
        return new Column(field, label, query.url(next, null), sort);
    }

    private static String duration(Instant start, Instant end) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end == null ? Instant.now() : end);
        if (d.isNegative()) {
            return "";
        }
        long s = d.getSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
