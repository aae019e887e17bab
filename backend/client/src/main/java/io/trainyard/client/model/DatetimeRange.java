package io.trainyard.client.model;

/** The earliest and the latest value of a datetime column, as written in the file (ISO-8601). */
public record DatetimeRange(String min, String max) {
}
