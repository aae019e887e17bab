package io.trainyard.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Metric batches through {@code POST /api/v1/runs/{id}/metrics}: appended batches (every point after the stored
 * ones) and merged ones (resends, out-of-order points) must leave the same summaries and rollups as a
 * recomputation from the stored points; and the streamed JSON reading accepts and refuses what it should.
 */
class MetricIngestTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private Api admin() {
        return api().basic("admin", ADMIN_PASSWORD);
    }

    private String newRun() {
        String experiment = admin().post("/api/v1/projects/default/experiments",
                "{\"name\":\"ingest-" + UUID.randomUUID() + "\"}").json().path("id").asString();
        return admin().post("/api/v1/experiments/" + experiment + "/runs", "{}").json().path("id").asString();
    }

    private record Point(String key, double value, long step, long ts) {
        String json() {
            String number = Double.isNaN(value) ? "\"NaN\"" : Double.isInfinite(value)
                    ? (value > 0 ? "\"Infinity\"" : "\"-Infinity\"") : Double.toString(value);
            return "{\"key\":\"" + key + "\",\"value\":" + number + ",\"step\":" + step + ",\"timestamp\":" + ts + "}";
        }
    }

    private JsonNode send(String runId, List<Point> points) {
        StringBuilder body = new StringBuilder("{\"metrics\":[");
        for (int i = 0; i < points.size(); i++) {
            body.append(i == 0 ? "" : ",").append(points.get(i).json());
        }
        Api.Response response = admin().post("/api/v1/runs/" + runId + "/metrics", body.append("]}").toString());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Two interleaved series over steps [from, to), with NaN and infinities sprinkled in. */
    private static List<Point> steps(long from, long to, long tsOffset) {
        List<Point> points = new ArrayList<>();
        for (long step = from; step < to; step++) {
            double value = step % 997 == 0 ? Double.NaN : step % 1009 == 0 ? Double.POSITIVE_INFINITY
                    : step % 1013 == 0 ? Double.NEGATIVE_INFINITY : Math.sin(step / 300.0) + step * 1e-6;
            points.add(new Point("loss", value, step, 1_000_000 + step + tsOffset));
            if (step % 3 == 0) {
                points.add(new Point("acc", Math.cos(step / 50.0), step, 2_000_000 + step + tsOffset));
            }
        }
        return points;
    }

    @Test
    void appendedAndMergedBatchesLeaveExactSummariesAndRollups() {
        String runId = newRun();
        assertThat(send(runId, steps(-300, 3000, 0)).path("stored").asInt()).isEqualTo(3300 + 1100);
        // continues into the buckets the first batch left open
        assertThat(send(runId, steps(3000, 9000, 0)).path("stored").asInt()).isEqualTo(6000 + 2000);
        // a resend stores nothing
        JsonNode resent = send(runId, steps(3000, 9000, 0));
        assertThat(resent.path("stored").asInt()).isZero();
        assertThat(resent.path("duplicates").asInt()).isEqualTo(8000);
        // half duplicates, half new timestamps at old steps, out of order
        List<Point> mixed = new ArrayList<>(steps(4000, 4500, 0));
        mixed.addAll(steps(100, 600, 7));
        Collections.reverse(mixed);
        assertThat(send(runId, mixed).path("stored").asInt()).isEqualTo(500 + 166);
        // the newest step again with a later timestamp, then a lower value in an old bucket
        assertThat(send(runId, List.of(new Point("loss", -5, 8999, 9_999_999))).path("stored").asInt()).isOne();
        assertThat(send(runId, List.of(new Point("loss", -7, 10, 5))).path("stored").asInt()).isOne();
        // a bucket of non-finite values only
        assertThat(send(runId, List.of(new Point("loss", Double.NaN, 20_000, 1), new Point("loss",
                Double.POSITIVE_INFINITY, 20_001, 1))).path("stored").asInt()).isEqualTo(2);
        // a within-batch repeat is stored once
        Point once = new Point("acc", 0.5, 30_000, 1);
        assertThat(send(runId, List.of(once, once)).path("stored").asInt()).isOne();

        for (String key : List.of("loss", "acc")) {
            long series = jdbc.queryForObject("select id from metric_series where run_id = ? and key = ?",
                    Long.class, RunIds.parse(runId), key);
            assertSummaryMatchesPoints(series);
            assertRollupsMatchPoints(series);
        }
        Map<String, Object> loss = jdbc.queryForMap("select latest_step, latest_ts, latest_value, point_count from "
                + "metric_series where run_id = ? and key = 'loss'", RunIds.parse(runId));
        assertThat(loss).containsEntry("latest_step", 20_001L).containsEntry("point_count", 9300L + 500 + 2 + 2);
    }

    private void assertSummaryMatchesPoints(long series) {
        Map<String, Object> stored = jdbc.queryForMap("""
                select point_count, min_value, max_value, latest_step, latest_ts, latest_value
                from metric_series where id = ?""", series);
        Map<String, Object> recomputed = jdbc.queryForMap("""
                select count(*) as point_count,
                       min(value) filter (where value <> 'NaN') as min_value,
                       max(value) filter (where value <> 'NaN') as max_value,
                       (array_agg(step order by step desc, ts desc, value desc))[1] as latest_step,
                       (array_agg(ts order by step desc, ts desc, value desc))[1] as latest_ts,
                       (array_agg(value order by step desc, ts desc, value desc))[1] as latest_value
                from metric_points where series_id = ?""", series);
        assertThat(stored).isEqualTo(recomputed);
    }

    private void assertRollupsMatchPoints(long series) {
        Integer expected = jdbc.queryForObject("""
                select count(*) from metric_points cross join (values (64), (4096)) as w (width)
                where series_id = ? group by width order by width limit 1""", Integer.class, series);
        assertThat(expected).isPositive();
        Integer mismatches = jdbc.queryForObject("""
                with stored as (select width, bucket, lo, hi from metric_rollups where series_id = ?),
                recomputed as (
                    select width, step / width as bucket,
                           min(array[value, step, ts]) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as lo,
                           max(array[value, step, ts]) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as hi
                    from metric_points cross join (values (64), (4096)) as w (width)
                    where series_id = ? group by 1, 2)
                select count(*) from stored s full join recomputed r on s.width = r.width and s.bucket = r.bucket
                where s.width is null or r.width is null or s.lo is distinct from r.lo or s.hi is distinct from r.hi""",
                Integer.class, series, series);
        assertThat(mismatches).isZero();
    }

    @Test
    void theJsonReaderAcceptsWhatTheApiDocumentsAndNamesTheBadField() {
        String runId = newRun();
        String path = "/api/v1/runs/" + runId + "/metrics";
        Api.Response lenient = admin().post(path, """
                {"ignored":{"a":[1,2]},"metrics":[
                  {"key":"m","value":NaN,"step":1,"extra":[{}]},
                  {"key":"m","value":"-Infinity","step":"2"},
                  {"key":"m","value":"0.25","step":3,"timestamp":"42"},
                  {"key":"m","value":7}]}""");
        assertThat(lenient.status()).as(lenient.toString()).isEqualTo(200);
        assertThat(lenient.json().path("stored").asInt()).isEqualTo(4);
        Map<String, Object> stored = jdbc.queryForMap("""
                select point_count, min_value, max_value from metric_series where run_id = ? and key = 'm'""",
                RunIds.parse(runId));
        assertThat(stored).containsEntry("point_count", 4L).containsEntry("min_value", Double.NEGATIVE_INFINITY)
                .containsEntry("max_value", 7.0);
        assertThat(jdbc.queryForObject("select ts from metric_points p join metric_series s on s.id = p.series_id "
                + "where s.run_id = ? and p.step = 3", Long.class, RunIds.parse(runId))).isEqualTo(42L);

        Map<String, String> refused = Map.of(
                "{\"metrics\":[{\"key\":\"b\",\"value\":1},null]}", "metrics[1]",
                "{\"metrics\":[{\"key\":\"b\",\"value\":null}]}", "metrics[0].value",
                "{\"metrics\":[{\"key\":\"b\",\"value\":true}]}", "metrics[0].value",
                "{\"metrics\":[{\"key\":\"b\",\"value\":1,\"timestamp\":1.5}]}", "metrics[0].timestamp",
                "{\"metrics\":[{\"key\":\"b\",\"value\":1,\"step\":99999999999999999999}]}", "metrics[0].step",
                "{\"metrics\":[{\"key\":\" \",\"value\":1}]}", "metrics[0].key",
                "{\"metrics\":{}}", "metrics",
                "{\"other\":[]}", "metrics");
        refused.forEach((body, field) -> {
            Api.Response response = admin().post(path, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asString()).as(body).isEqualTo(field);
        });
        for (String body : List.of("", "[]", "{\"metrics\":[{\"key\":\"b\",\"value\":1}", "{\"metrics\":[{\"key\":\"b\" 1}]}")) {
            Api.Response response = admin().post(path, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("detail").asString()).as(body).contains("not valid JSON");
        }
        assertThat(jdbc.queryForObject("select count(*) from metric_series where run_id = ? and key = 'b'",
                Integer.class, RunIds.parse(runId))).isZero();
    }
}
