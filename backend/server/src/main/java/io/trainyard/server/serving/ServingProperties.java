package io.trainyard.server.serving;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code trainyard.serving.*}.
 *
 * @param cachedModels   how many model versions stay loaded (least recently used ones are closed first)
 * @param maxRows        the most rows one predict request may carry
 * @param logBuffer      predictions waiting to be written to the log; beyond it they are counted as overflow
 * @param logBatch       the most log entries written in one statement
 */
@ConfigurationProperties("trainyard.serving")
public record ServingProperties(
        @DefaultValue("20") int cachedModels,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("100000") int logBuffer,
        @DefaultValue("2000") int logBatch) {
}
