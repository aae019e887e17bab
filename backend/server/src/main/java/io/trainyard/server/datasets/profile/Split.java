package io.trainyard.server.datasets.profile;

/** The part of a dataset a row is assigned to for training. */
public enum Split {
    TRAIN, VALIDATION, TEST
}
