package io.trainyard.executor.training;

import io.trainyard.client.model.DatasetSplitView;
import io.trainyard.client.model.DatasetVersion;
import io.trainyard.client.model.RunStatus;
import io.trainyard.executor.JobContext;
import io.trainyard.executor.JobHandler;
import io.trainyard.executor.JobStoppedException;
import io.trainyard.training.StopRequest;
import io.trainyard.training.TabularTrainer;
import io.trainyard.training.TrainingCancelledException;
import io.trainyard.training.TrainingListener;
import io.trainyard.training.TrainingResult;
import io.trainyard.training.config.ConfigProblem;
import io.trainyard.training.config.InvalidConfigException;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code training} jobs: train the run's config on its dataset version with the server's split, streaming
 * progress, metrics and the log to the run, checkpointing to the run's artifacts (a retried or released job
 * resumes), and writing the model bundle and evaluation reports. See docs/queue.md, "Training jobs on executors".
 */
public final class TrainingJobHandler implements JobHandler {

    public static final String KIND = "training";
    public static final String BUNDLE_PATH = "model/bundle.zip";
    private static final Logger log = LoggerFactory.getLogger(TrainingJobHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Function<JobContext, TrainingApi> apis;
    private final RunTelemetry.Options telemetryOptions;
    private final Duration checkpointInterval;

    /** For {@link java.util.ServiceLoader}: the REST API as the executor's credential. */
    public TrainingJobHandler() {
        this(context -> new HttpTrainingApi(context.client()), RunTelemetry.Options.DEFAULTS,
                ArtifactCheckpointStore.MIN_INTERVAL);
    }

    /** @param checkpointInterval the least time between two checkpoint uploads of a run (the last one excepted) */
    public TrainingJobHandler(Function<JobContext, TrainingApi> apis, RunTelemetry.Options telemetryOptions,
                              Duration checkpointInterval) {
        this.apis = apis;
        this.telemetryOptions = telemetryOptions;
        this.checkpointInterval = checkpointInterval;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(JobContext context) throws Exception {
        TrainingJobSpec spec = TrainingJobSpec.parse(context.spec(),
                context.runId() == null ? null : context.runId().toString().replace("-", ""));
        TrainingApi api = apis.apply(context);
        String runId = spec.runId();
        Instant started = Instant.now();
        Path workDir = null;
        RunTelemetry telemetry = new RunTelemetry(api, runId, telemetryOptions);
        PhaseTimings timings = new PhaseTimings();
        try {
            telemetry.log("job " + context.jobId() + " attempt " + context.attempt() + " on executor "
                    + context.executorName());
            String device = context.devices().summary();
            api.updateRun(runId, RunStatus.RUNNING, Map.of("trainyard.device", device,
                    "trainyard.executor", context.executorName(), "trainyard.attempt",
                    Integer.toString(context.attempt())));
            TrainingConfig config = parseConfig(spec.configJson());
            timings.lap("start");

            context.progress(0, "loading dataset " + spec.dataset() + " v" + spec.version());
            DatasetVersion version = api.datasetVersion(spec.project(), spec.dataset(), spec.version());
            byte[] csv = api.datasetContent(spec.project(), spec.dataset(), spec.version());
            timings.lap("download");
            TabularData data = DatasetTable.read(version, csv);
            timings.lap("parse");
            DatasetSplitView splitView = api.datasetSplit(spec.project(), spec.dataset(), spec.version(),
                    spec.validation(), spec.test(), spec.stratifyColumn(), spec.seed());
            SplitAssignment split = DatasetTable.split(splitView, data.size());
            if (splitView.fingerprint() != null) {
                api.updateRun(runId, null, Map.of("trainyard.split.fingerprint", splitView.fingerprint()));
            }
            timings.lap("split");
            telemetry.log("dataset " + spec.dataset() + " v" + spec.version() + ": " + data.size() + " rows, "
                    + data.columns().size() + " columns; split train=" + split.train().length + " validation="
                    + split.validation().length + " test=" + split.test().length + " (fingerprint "
                    + splitView.fingerprint() + ")");
            if (context.isCancelRequested()) {
                throw new TrainingCancelledException(0);
            }
            if (context.isStopRequested() || context.isLeaseLost()) {
                throw new JobStoppedException("stopped before training started");
            }

            workDir = Files.createTempDirectory("trainyard-run-" + runId + "-");
            Listener listener = new Listener(context, telemetry);
            TrainingResult result;
            ArtifactCheckpointStore checkpoints = new ArtifactCheckpointStore(api, runId, checkpointInterval,
                    telemetry::log);
            try (checkpoints) {
                result = TabularTrainer.train(config, data, split, listener, checkpoints, workDir);
                timings.lap("training");
            }
            timings.lap("checkpoint flush");
            if (result.status() == TrainingResult.Status.STOPPED) {
                telemetry.log("stopped after epoch " + result.epochsRun() + " (checkpoint after epoch "
                        + checkpoints.savedEpoch() + "); the job goes back to the queue");
                telemetry.close();
                throw new JobStoppedException("training stopped after epoch " + result.epochsRun()
                        + " with a checkpoint");
            }
            context.progress(1, "writing the model bundle and reports");
            finish(api, runId, result, listener, telemetry, started, timings);
            context.progress(1, "succeeded: " + result.epochsRun() + " epochs");
        } catch (TrainingCancelledException e) {
            // the engine completes a cancelled job as cancelled when the handler returns
            telemetry.log("cancelled: " + e.getMessage());
            telemetry.close();
            bestEffort(() -> api.updateRun(runId, RunStatus.CANCELLED,
                    Map.of("trainyard.metrics.dropped", Long.toString(telemetry.dropped()))), runId);
        } catch (JobStoppedException e) {
            telemetry.close();
            throw e;
        } catch (Exception | LinkageError e) {
            String message = e instanceof InvalidConfigException invalid ? "invalid training config: "
                    + invalid.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("; "))
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            telemetry.log("failed: " + message);
            telemetry.close();
            if (context.isLeaseLost()) {
                // another attempt may own the run by now: leave its status alone
                throw e;
            }
            // the status stays running: the job may be retried, and the server ends the run as failed when the
            // job fails for good
            bestEffort(() -> api.updateRun(runId, null, Map.of("trainyard.error", truncate(message),
                    "trainyard.metrics.dropped", Long.toString(telemetry.dropped()))), runId);
            throw e;
        } finally {
            telemetry.close();
            deleteQuietly(workDir);
        }
    }

    private static TrainingConfig parseConfig(String json) {
        try {
            TrainingConfig config = TrainingConfigJson.parse(json);
            if (config == null) {
                throw new InvalidConfigException(List.of(new ConfigProblem("config", "empty")));
            }
            return config;
        } catch (RuntimeException e) {
            if (e instanceof InvalidConfigException) {
                throw e;
            }
            throw new InvalidConfigException(List.of(new ConfigProblem("config", e.getMessage())));
        }
    }

    private void finish(TrainingApi api, String runId, TrainingResult result, Listener listener,
                        RunTelemetry telemetry, Instant started, PhaseTimings timings) throws IOException {
        int last = result.epochsRun();
        // test_* come from the library at the last epoch; val_* at the kept weights are logged unless a point
        // of that key already exists at that step (the per-epoch value), and are always in summary.json
        result.finalMetrics().forEach((key, value) -> {
            if (!listener.sentAt(key, last)) {
                telemetry.metric(key, value, last);
            }
        });
        if (result.bundlePath() != null) {
            api.putArtifact(runId, BUNDLE_PATH, Files.readAllBytes(result.bundlePath()), "application/zip");
        }
        if (result.confusionMatrix() != null) {
            putJson(api, runId, "evaluation/confusion_matrix.json", result.confusionMatrix());
        }
        putJson(api, runId, "evaluation/per_class.json", result.perClass());
        if (result.subgroups() != null) {
            putJson(api, runId, "evaluation/subgroups.json", result.subgroups());
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", result.status().name().toLowerCase(Locale.ROOT));
        summary.put("finalMetrics", result.finalMetrics());
        summary.put("device", result.device());
        summary.put("durationSeconds", seconds);
        summary.put("trainingSeconds", result.duration().toMillis() / 1000.0);
        summary.put("epochs", result.epochsRun());
        summary.put("epochsThisAttempt", result.epochsThisRun());
        summary.put("bestEpoch", result.bestEpoch());
        summary.put("rowsPerSecond", result.throughputRowsPerSecond());
        summary.put("rowCounts", result.rowCounts());
        putJson(api, runId, "evaluation/summary.json", summary);
        timings.lap("artifacts");
        telemetry.log(String.format(Locale.ROOT, "%s after %d epochs (best %d) in %.1f s; %s", summary.get("status"),
                last, result.bestEpoch(), seconds, result.finalMetrics()));
        telemetry.log(timings + " (then the last metrics and the log are flushed, the run marked done)");
        telemetry.close();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("trainyard.device", result.device());
        tags.put("trainyard.duration_s", String.format(Locale.ROOT, "%.1f", seconds));
        tags.put("trainyard.epochs", Integer.toString(last));
        tags.put("trainyard.rows_per_s", String.format(Locale.ROOT, "%.0f", result.throughputRowsPerSecond()));
        tags.put("trainyard.metrics.dropped", Long.toString(telemetry.dropped()));
        api.updateRun(runId, RunStatus.SUCCEEDED, tags);
    }

    private static void putJson(TrainingApi api, String runId, String path, Object value) {
        api.putArtifact(runId, path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value),
                "application/json");
    }

    private static void bestEffort(Runnable call, String runId) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Run {}: could not update the run: {}", runId, e.getMessage());
        }
    }

    private static String truncate(String message) {
        return message.length() <= 1_000 ? message : message.substring(0, 1_000) + "…";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    /** Progress, metrics and log lines to the job and the run; the stop check. Never blocks. */
    static final class Listener implements TrainingListener {
        private final JobContext context;
        private final RunTelemetry telemetry;
        private final Map<String, Integer> lastStep = new ConcurrentHashMap<>();

        Listener(JobContext context, RunTelemetry telemetry) {
            this.context = context;
            this.telemetry = telemetry;
        }

        @Override
        public void onProgress(int epoch, int totalEpochs) {
            context.progress((double) epoch / totalEpochs, "epoch " + epoch + "/" + totalEpochs);
        }

        @Override
        public void onMetric(String key, double value, int step) {
            lastStep.merge(key, step, Math::max);
            telemetry.metric(key, value, step);
        }

        @Override
        public void onLog(String line) {
            telemetry.log(line);
        }

        @Override
        public StopRequest stopRequest() {
            if (context.isCancelRequested()) {
                return StopRequest.CANCEL;
            }
            if (context.isStopRequested() || context.isLeaseLost()) {
                return StopRequest.CHECKPOINT_AND_STOP;
            }
            return StopRequest.NONE;
        }

        boolean sentAt(String key, int step) {
            Integer s = lastStep.get(key);
            return s != null && s >= step;
        }
    }
}
