package io.trainyard.server.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.monitoring.*}.
 *
 * @param maxReferenceRows  the most reference rows read per evaluation (beyond: a systematic sample)
 * @param maxCurrentRows    the most current rows (predictions or dataset rows) per evaluation
 * @param maxOutputRows     the most reference rows the model scores to compare its predictions (output drift)
 * @param schedulerInterval how often a server looks for due monitors
 */
@ConfigurationProperties("trainyard.monitoring")
public record MonitoringProperties(
        @DefaultValue("1000000") int maxReferenceRows,
        @DefaultValue("200000") int maxCurrentRows,
        @DefaultValue("20000") int maxOutputRows,
        @DefaultValue("PT15S") Duration schedulerInterval) {
}
