package io.trainyard.server.serving.predict;

import io.trainyard.client.model.PredictResponse;
import io.trainyard.client.model.PredictResponse.RowPrediction;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.registry.ModelRegistry;
import io.trainyard.server.registry.ServableVersion;
import io.trainyard.server.serving.ServingProperties;
import io.trainyard.server.serving.log.LoggedPrediction;
import io.trainyard.server.serving.log.PredictionLog;
import io.trainyard.training.bundle.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores rows with the version an alias (or a version number) names at the moment of the request, and hands
 * every prediction to the prediction log.
 */
@Service
public class ScoringService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelRegistry registry;
    private final PredictorCache cache;
    private final PredictionLog predictionLog;
    private final ServingProperties properties;

    ScoringService(ModelRegistry registry, PredictorCache cache, PredictionLog predictionLog,
                   ServingProperties properties) {
        this.registry = registry;
        this.cache = cache;
        this.predictionLog = predictionLog;
        this.properties = properties;
    }

    public PredictResponse predict(String projectKey, String model, String alias, Integer version,
                                   List<Map<String, Object>> rows) {
        if (alias != null && version != null) {
            throw new ApiException.BadRequest("alias", "give either alias or version, not both");
        }
        if (rows == null || rows.isEmpty()) {
            throw new ApiException.BadRequest("rows", "needs at least one row");
        }
        if (rows.size() > properties.maxRows()) {
            throw new ApiException.BadRequest("rows", "at most " + properties.maxRows() + " rows per request");
        }
        ServableVersion served = registry.resolve(projectKey, model, alias == null && version == null ? "latest"
                : alias, version, ProjectRole.VIEWER);
        LoadedModel loaded = cache.get(served.bundleSha256());
        RowEncoder.Encoded encoded = RowEncoder.encode(loaded, rows);
        List<Prediction> predictions;
        try {
            predictions = loaded.predictor().predictRows(encoded.cells());
        } catch (IllegalStateException closed) {
            // evicted and closed while this request held it: load it again
            cache.forget(served.bundleSha256(), loaded);
            predictions = cache.get(served.bundleSha256()).predictor().predictRows(encoded.cells());
        }
        Instant now = Instant.now();
        List<RowPrediction> answers = new ArrayList<>(predictions.size());
        List<LoggedPrediction> logged = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            UUID id = UUID.randomUUID();
            RowPrediction answer = new RowPrediction(id.toString(), p.label(),
                    p.label() == null ? null : p.probabilities(), p.value());
            answers.add(answer);
            logged.add(new LoggedPrediction(id, served.projectId(), served.modelId(), served.model(),
                    served.version(), JSON.writeValueAsString(rows.get(i)), JSON.writeValueAsString(output(p)), now));
        }
        predictionLog.append(logged);
        return new PredictResponse(served.model(), served.version(), answers, encoded.unknownCategories());
    }

    /** A feature the version expects, with a plausible value (its training centre, or its first category). */
    public record FeatureExample(String name, Object example) {
    }

    public List<FeatureExample> features(ServableVersion version) {
        return cache.get(version.bundleSha256()).predictor().manifest().preprocessor().features().stream()
                .map(t -> new FeatureExample(t.name(), t.type() == io.trainyard.training.data.ColumnType.NUMERIC
                        ? (Object) (Math.round(t.center() * 1000) / 1000.0)
                        : (t.categories().isEmpty() ? null : t.categories().get(0))))
                .toList();
    }

    private static Map<String, Object> output(Prediction p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.label() != null) {
            out.put("label", p.label());
            out.put("probabilities", p.probabilities());
        } else {
            out.put("value", p.value());
        }
        return out;
    }
}
