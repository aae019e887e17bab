package io.trainyard.server.tracking.pages;

import io.trainyard.client.model.Run;
import io.trainyard.client.model.RunArtifact;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.trainyard.server.tracking.artifacts.ArtifactService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training run's results for its page, read from the artifacts the executor's training handler writes:
 * the confusion matrix (a heatmap table), the per-class report, the subgroup table, the summary and the
 * log's tail. Each part is absent when its artifact is (or is unreadable).
 */
@Component
class RunEvaluation {

    static final int LOG_LINES = 200;
    /** Larger evaluation files are not rendered (they stay downloadable). */
    static final long MAX_JSON_BYTES = 4L * 1024 * 1024;

    private final ArtifactService artifacts;
    private final JsonMapper json;

    RunEvaluation(ArtifactService artifacts, JsonMapper json) {
        this.artifacts = artifacts;
        this.json = json;
    }

    record Cell(long count, String heat) {
    }

    record MatrixRow(String label, List<Cell> cells, long total) {
    }

    record Matrix(List<String> labels, List<MatrixRow> rows) {
    }

    record ClassRow(String label, String precision, String recall, String f1, long support) {
    }

    record GroupRow(String group, long rows, List<String> values, boolean small) {
    }

    record Subgroups(String column, int minGroupSize, List<String> metrics, List<GroupRow> groups,
                     List<String> gaps) {
    }

    record Fact(String label, String value) {
    }

    record View(List<Fact> facts, Matrix matrix, List<ClassRow> perClass, Subgroups subgroups, String log) {

        boolean any() {
            return !facts.isEmpty() || matrix != null || perClass != null || subgroups != null || log != null;
        }
    }

    View of(Run run, List<RunArtifact> stored) {
        Map<String, String> tags = run.tags();
        List<Fact> facts = new ArrayList<>();
        fact(facts, "Device", tags.get("trainyard.device"));
        fact(facts, "Duration", tags.get("trainyard.duration_s") == null ? null : tags.get("trainyard.duration_s") + " s");
        fact(facts, "Epochs", tags.get("trainyard.epochs"));
        fact(facts, "Rows/s", tags.get("trainyard.rows_per_s"));
        fact(facts, "Error", tags.get("trainyard.error"));
        Optional<JsonNode> summary = read(run, stored, "evaluation/summary.json");
        summary.ifPresent(s -> {
            if (tags.get("trainyard.device") == null) {
                fact(facts, "Device", text(s.path("device")));
            }
            fact(facts, "Best epoch", text(s.path("bestEpoch")));
            JsonNode counts = s.path("rowCounts");
            if (counts.isObject()) {
                List<String> parts = new ArrayList<>();
                counts.properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asString()));
                fact(facts, "Rows", String.join(", ", parts));
            }
        });
        Matrix matrix = read(run, stored, "evaluation/confusion_matrix.json").map(RunEvaluation::matrix).orElse(null);
        List<ClassRow> perClass = read(run, stored, "evaluation/per_class.json").filter(JsonNode::isArray)
                .map(RunEvaluation::perClass).orElse(null);
        Subgroups subgroups = read(run, stored, "evaluation/subgroups.json").map(RunEvaluation::subgroups)
                .orElse(null);
        String log = stored.stream().filter(a -> a.path().equals("logs/training.log")).findFirst()
                .map(this::tail).orElse(null);
        return new View(facts, matrix, perClass == null || perClass.isEmpty() ? null : perClass, subgroups, log);
    }

    private static void fact(List<Fact> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(new Fact(label, value));
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private Optional<JsonNode> read(Run run, List<RunArtifact> stored, String path) {
        Optional<RunArtifact> artifact = stored.stream().filter(a -> a.path().equals(path)).findFirst();
        if (artifact.isEmpty() || artifact.get().sizeBytes() > MAX_JSON_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = artifacts.open(artifact.get())) {
            return Optional.of(json.readTree(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: the artifact table still offers the download
        }
    }

    /** The last {@link #LOG_LINES} lines, streamed so a long log is never held whole. */
    private String tail(RunArtifact log) {
        Deque<String> lines = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(artifacts.open(log),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.addLast(line.length() > 2000 ? line.substring(0, 2000) + "…" : line);
                if (lines.size() > LOG_LINES) {
                    lines.removeFirst();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return String.join("\n", lines);
    }

    static Matrix matrix(JsonNode node) {
        List<String> labels = new ArrayList<>();
        node.path("labels").forEach(l -> labels.add(l.asString()));
        JsonNode counts = node.path("counts");
        if (labels.isEmpty() || !counts.isArray() || counts.size() != labels.size()) {
            return null;
        }
        List<MatrixRow> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode row = counts.get(i);
            long total = 0;
            for (JsonNode c : row) {
                total += c.asLong();
            }
            List<Cell> cells = new ArrayList<>();
            for (JsonNode c : row) {
                // shaded by the share of the actual class's rows: the diagonal is recall
                long heat = total == 0 ? 0 : Math.round(10.0 * c.asLong() / total);
                cells.add(new Cell(c.asLong(), "heat-" + heat));
            }
            rows.add(new MatrixRow(labels.get(i), cells, total));
        }
        return new Matrix(labels, rows);
    }

    static List<ClassRow> perClass(JsonNode node) {
        List<ClassRow> rows = new ArrayList<>();
        node.forEach(c -> rows.add(new ClassRow(c.path("label").asString(), PageFormat.number(c.path("precision")
                .asDouble()), PageFormat.number(c.path("recall").asDouble()), PageFormat.number(c.path("f1")
                .asDouble()), c.path("support").asLong())));
        return rows;
    }

    static Subgroups subgroups(JsonNode node) {
        int minSize = node.path("minGroupSize").asInt(0);
        Set<String> metrics = new LinkedHashSet<>();
        node.path("groups").forEach(g -> g.path("metrics").properties().forEach(e -> metrics.add(e.getKey())));
        List<GroupRow> groups = new ArrayList<>();
        node.path("groups").forEach(g -> groups.add(new GroupRow(g.path("group").asString(), g.path("rows").asLong(),
                metrics.stream().map(m -> g.path("metrics").path(m).isNumber()
                        ? PageFormat.number(g.path("metrics").path(m).asDouble()) : "—").toList(),
                g.path("rows").asLong() < minSize)));
        List<String> gaps = metrics.stream().map(m -> node.path("largestGap").path(m).isNumber()
                ? PageFormat.number(node.path("largestGap").path(m).asDouble()) : "—").toList();
        return new Subgroups(node.path("column").asString(), minSize, List.copyOf(metrics), groups, gaps);
    }
}
