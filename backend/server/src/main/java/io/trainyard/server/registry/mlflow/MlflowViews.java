package io.trainyard.server.registry.mlflow;

import io.trainyard.client.model.ModelVersion;
import io.trainyard.client.model.RegisteredModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry objects in MLflow's JSON (the protobuf field names, timestamps in ms, versions as strings). */
final class MlflowViews {

    private MlflowViews() {
    }

    static Map<String, Object> registered(RegisteredModel model, ModelVersion latest) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", model.name());
        view.put("creation_timestamp", model.createdAt().toEpochMilli());
        view.put("last_updated_timestamp", model.updatedAt().toEpochMilli());
        view.put("user_id", model.createdBy());
        if (model.description() != null) {
            view.put("description", model.description());
        }
        if (latest != null) {
            view.put("latest_versions", List.of(version(latest)));
        }
        view.put("tags", tagList(model.tags()));
        List<Map<String, Object>> aliases = new ArrayList<>();
        model.aliases().forEach((alias, version) -> aliases.add(Map.of("alias", alias, "version",
                Integer.toString(version))));
        view.put("aliases", aliases);
        return view;
    }

    static Map<String, Object> version(ModelVersion version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", version.model());
        view.put("version", Integer.toString(version.version()));
        view.put("creation_timestamp", version.createdAt().toEpochMilli());
        view.put("last_updated_timestamp", version.createdAt().toEpochMilli());
        view.put("user_id", version.createdBy());
        view.put("current_stage", "None");
        if (version.description() != null) {
            view.put("description", version.description());
        }
        view.put("source", source(version));
        view.put("run_id", version.runId());
        view.put("status", "READY");
        view.put("tags", tagList(version.tags()));
        view.put("aliases", version.aliases().stream().filter(a -> !a.equals("latest")).toList());
        return view;
    }

    /** Where MLflow would look for the model: the run's {@code model} artifact directory. */
    static String source(ModelVersion version) {
        return "runs:/" + version.runId() + "/model";
    }

    static Map<String, String> tags(List<Map<String, String>> tags) {
        if (tags == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.get("key"), t.get("value")));
        return out;
    }

    private static List<Map<String, String>> tagList(Map<String, String> tags) {
        List<Map<String, String>> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
        return list;
    }
}
