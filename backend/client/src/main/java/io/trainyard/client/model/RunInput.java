package io.trainyard.client.model;

/**
 * A dataset a run used. Trainyard dataset versions carry {@code dataset} and {@code version}; inputs logged
 * through the MLflow API carry MLflow's name and digest.
 */
public record RunInput(String dataset, Integer version, String name, String digest, String context) {
}
