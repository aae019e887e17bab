package io.trainyard.executor.training;

import io.trainyard.client.TrainyardClient;
import io.trainyard.executor.DeviceInfo;
import io.trainyard.executor.JobContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A job context whose cancel/stop flags turn on once a given epoch's progress was reported. */
final class FakeJobContext implements JobContext {

    static final String RUN_ID = "0123456789abcdef0123456789abcdef";

    private final JsonNode spec;
    private final int attempt;
    final List<String> progress = new CopyOnWriteArrayList<>();
    volatile boolean cancel;
    volatile boolean stop;
    private final IntPredicate cancelAfterEpoch;
    private final IntPredicate stopAfterEpoch;

    FakeJobContext(String config, int attempt, IntPredicate cancelAfterEpoch, IntPredicate stopAfterEpoch) {
        this.spec = JsonMapper.builder().build().readTree("""
                {"runId":"%s","project":"default","dataset":{"name":"penguins","version":1},
                 "config":%s,
                 "split":{"validation":0.15,"test":0.15,"stratifyColumn":"Species","seed":42}}
                """.formatted(RUN_ID, config));
        this.attempt = attempt;
        this.cancelAfterEpoch = cancelAfterEpoch;
        this.stopAfterEpoch = stopAfterEpoch;
    }

    @Override
    public long jobId() {
        return 7;
    }

    @Override
    public UUID runId() {
        return null;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public JsonNode spec() {
        return spec;
    }

    @Override
    public void progress(double fraction, String message) {
        progress.add(message);
        if (message.startsWith("epoch ")) {
            int epoch = Integer.parseInt(message.substring(6, message.indexOf('/')));
            cancel |= cancelAfterEpoch.test(epoch);
            stop |= stopAfterEpoch.test(epoch);
        }
    }

    @Override
    public boolean isCancelRequested() {
        return cancel;
    }

    @Override
    public boolean isStopRequested() {
        return stop;
    }

    @Override
    public boolean isLeaseLost() {
        return false;
    }

    @Override
    public TrainyardClient client() {
        throw new UnsupportedOperationException("tests use a fake TrainingApi");
    }

    @Override
    public String executorName() {
        return "test-executor";
    }

    @Override
    public DeviceInfo devices() {
        return new DeviceInfo("PyTorch", "2.7.1", 0, List.of("cpu()"), null);
    }
}
