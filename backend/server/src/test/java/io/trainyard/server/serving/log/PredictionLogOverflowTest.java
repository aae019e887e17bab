package io.trainyard.server.serving.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainyard.server.serving.ServingProperties;
import io.trainyard.server.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A full buffer never blocks a request: what does not fit is counted (and exported), what fits is written. */
class PredictionLogOverflowTest extends IntegrationTest {

    @Autowired
    PredictionLogStore store;
    @Autowired
    JdbcClient jdbc;

    @Test
    void entriesBeyondTheBufferAreCountedNotLost() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // a second writer with a buffer of 3, not started yet: nothing drains it
        PredictionLog small = new PredictionLog(store, new ServingProperties(20, 10_000, 3, 2), meters);
        long project = jdbc.sql("select id from projects where key = 'default'").query(Long.class).single();
        List<LoggedPrediction> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new LoggedPrediction(UUID.randomUUID(), project, -1, "overflow-test", 1, "{\"x\":" + i + "}",
                    "{\"value\":1.0}", Instant.now()));
        }
        long started = System.nanoTime();
        small.append(five);
        assertThat(System.nanoTime() - started).as("append never waits").isLessThan(1_000_000_000L);
        assertThat(small.stats().overflow()).isEqualTo(2);
        assertThat(small.stats().buffered()).isEqualTo(3);
        assertThat(meters.counter("trainyard.predictions.log.overflow").count()).isEqualTo(2.0);

        small.start();
        try {
            assertThat(small.flush(10_000)).isTrue();
        } finally {
            small.stop();
        }
        assertThat(small.stats().written()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from prediction_log where model_name = 'overflow-test'")
                .query(Long.class).single()).isEqualTo(3);
    }
}
