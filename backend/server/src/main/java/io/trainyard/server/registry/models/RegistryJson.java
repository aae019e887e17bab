package io.trainyard.server.registry.models;

import io.trainyard.client.model.GateResult;
import io.trainyard.client.model.PromotionPolicy;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry's JSON columns (policies, metric snapshots, gate results) to and from Java. */
public final class RegistryJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegistryJson() {
    }

    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static PromotionPolicy policy(String json) {
        PromotionPolicy policy = JSON.readValue(json, PromotionPolicy.class);
        return policy.aliases() == null ? new PromotionPolicy(Map.of()) : policy;
    }

    /** A JSON object of numbers; NaN and infinities (stored by Jackson as strings) come back as doubles. */
    public static Map<String, Double> numbers(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().isNumber()
                ? e.getValue().asDouble() : Double.valueOf(e.getValue().asString())));
        return out;
    }

    public static List<GateResult> gates(String json) {
        return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<GateResult>>() { });
    }

    static JsonNode read(InputStream in) {
        return JSON.readTree(in);
    }
}
