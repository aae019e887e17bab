package io.trainyard.server.queue;

import java.util.List;

/** What an executor says about itself when it registers. */
public record ExecutorSpec(String name, int gpus, List<String> labels, int concurrency, String devices,
                           boolean embedded) {
}
