package io.trainyard.server.serving.pages;

import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.serving.predict.ScoringService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A row to start from: each numeric feature at its training centre, each categorical at its first category. */
@Component
class ExampleRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScoringService scoring;

    ExampleRows(ScoringService scoring) {
        this.scoring = scoring;
    }

    String of(ServableVersion version) {
        Map<String, Object> row = new LinkedHashMap<>();
        scoring.features(version).forEach(f -> row.put(f.name(), f.example()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(List.of(row));
    }
}
