package io.trainyard.server.tracking.search;

import java.util.List;
import java.util.Objects;

/**
 * What a comparison or an order-by clause is about: a metric, param or tag by key, a run attribute by its
 * canonical name ({@link #ATTRIBUTES}; {@code created} is stored as {@code start_time}), or a dataset field
 * ({@link #DATASET_FIELDS}).
 */
public record Field(Entity entity, String key) {

    public enum Entity {
        METRIC("metrics"), PARAM("params"), TAG("tags"), ATTRIBUTE("attributes"), DATASET("datasets");

        private final String prefix;

        Entity(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public static final String RUN_ID = "run_id";
    public static final String RUN_NAME = "run_name";
    public static final String STATUS = "status";
    public static final String START_TIME = "start_time";
    public static final String END_TIME = "end_time";
    public static final String USER_ID = "user_id";

    /** Attribute names a filter may use, aliases included. */
    public static final List<String> ATTRIBUTES =
            List.of(RUN_ID, RUN_NAME, STATUS, START_TIME, END_TIME, "created", USER_ID);
    public static final List<String> DATASET_FIELDS = List.of("name", "digest", "context");

    public Field {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
    }

    public static Field metric(String key) {
        return new Field(Entity.METRIC, key);
    }

    public static Field param(String key) {
        return new Field(Entity.PARAM, key);
    }

    public static Field tag(String key) {
        return new Field(Entity.TAG, key);
    }

    public static Field attribute(String name) {
        return new Field(Entity.ATTRIBUTE, name);
    }

    public static Field dataset(String field) {
        return new Field(Entity.DATASET, field);
    }

    boolean isAttribute(String name) {
        return entity == Entity.ATTRIBUTE && key.equals(name);
    }

    /** Canonical form, with the key back-quoted when it is not a plain dotted name. */
    @Override
    public String toString() {
        boolean plain = key.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-/:]*");
        return entity.prefix() + "." + (plain ? key : "`" + key.replace("`", "``") + "`");
    }
}
