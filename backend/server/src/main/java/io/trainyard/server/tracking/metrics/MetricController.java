package io.trainyard.server.tracking.metrics;

import io.trainyard.client.model.LoggedMetrics;
import io.trainyard.client.model.MetricHistory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MetricController {

    private final MetricService metrics;
    private final MetricBatchReader reader;

    MetricController(MetricService metrics, MetricBatchReader reader) {
        this.metrics = metrics;
        this.reader = reader;
    }

    /** The body ({@code LogMetricsRequest}) is read as a stream, see {@link MetricBatchReader}. */
    @PostMapping(path = "/api/v1/runs/{id}/metrics", consumes = MediaType.APPLICATION_JSON_VALUE)
    LoggedMetrics log(@PathVariable String id, HttpServletRequest request) throws IOException {
        MetricBatch batch = reader.read(new ServletServerHttpRequest(request), MetricService.MAX_BATCH,
                System.currentTimeMillis());
        return metrics.log(id, batch);
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
