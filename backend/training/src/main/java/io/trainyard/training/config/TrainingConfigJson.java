package io.trainyard.training.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** JSON reading/writing of {@link TrainingConfig} with Gson (the bundle manifest uses the same mapping). */
public final class TrainingConfigJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private TrainingConfigJson() {
    }

    /** Parses a config; absent fields stay null until {@link TrainingConfig#withDefaults()}. */
    public static TrainingConfig parse(String json) {
        return GSON.fromJson(json, TrainingConfig.class);
    }

    public static String toJson(TrainingConfig config) {
        return GSON.toJson(config);
    }
}
