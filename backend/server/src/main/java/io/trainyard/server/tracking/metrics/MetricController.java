package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.LogMetricsRequest;
import io.trainyard.client.model.LoggedMetrics;
import io.trainyard.client.model.MetricHistory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MetricController {

    private final MetricService metrics;

    MetricController(MetricService metrics) {
        this.metrics = metrics;
    }

    @PostMapping("/api/v1/runs/{id}/metrics")
    LoggedMetrics log(@PathVariable String id, @RequestBody LogMetricsRequest request) {
        return metrics.log(id, request.metrics(), MetricService.MAX_BATCH);
    }

    @GetMapping(path = "/api/v1/runs/{id}/metrics/{*key}", produces = MediaType.APPLICATION_JSON_VALUE)
    MetricHistory history(@PathVariable String id, @PathVariable String key,
                          @RequestParam(required = false) Integer maxPoints) {
        return metrics.history(id, trimSlash(key), maxPoints);
    }

    /** Full resolution as CSV ({@code step,value,timestamp}), streamed. */
    @GetMapping(path = "/api/v1/runs/{id}/metrics/{*key}", produces = "text/csv")
    void csv(@PathVariable String id, @PathVariable("key") String path, HttpServletResponse response)
            throws IOException {
        String key = trimSlash(path);
        metrics.requireSeries(id, key);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + key.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                1 << 16);
        out.write("step,value,timestamp\n");
        metrics.writeCsv(id, key, out);
        out.flush();
    }

    /** Metric keys may contain slashes ({@code train/loss}), so the key is the rest of the path. */
    private static String trimSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
