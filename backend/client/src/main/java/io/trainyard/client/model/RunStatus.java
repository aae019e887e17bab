package io.trainyard.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run's lifecycle; the MLflow names map one to one (SCHEDULED, RUNNING, FINISHED, FAILED, KILLED). */
public enum RunStatus {
    QUEUED("SCHEDULED"), RUNNING("RUNNING"), SUCCEEDED("FINISHED"), FAILED("FAILED"), CANCELLED("KILLED");

    private final String mlflowName;

    RunStatus(String mlflowName) {
        this.mlflowName = mlflowName;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mlflowName() {
        return mlflowName;
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Ours or MLflow's name, in any case. */
    @JsonCreator
    public static RunStatus parse(String value) {
        for (RunStatus status : values()) {
            if (status.name().equalsIgnoreCase(value) || status.mlflowName.equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a run status; use queued, running, succeeded, "
                + "failed or cancelled");
    }
}
