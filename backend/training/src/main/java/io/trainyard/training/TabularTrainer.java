package io.trainyard.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import io.trainyard.training.bundle.BundleManifest;
import io.trainyard.training.bundle.ModelBundle;
import io.trainyard.training.config.ConfigProblem;
import io.trainyard.training.config.InvalidConfigException;
import io.trainyard.training.config.TrainingConfig;
import io.trainyard.training.config.TrainingConfigJson;
import io.trainyard.training.data.Column;
import io.trainyard.training.data.Schema;
import io.trainyard.training.data.SplitAssignment;
import io.trainyard.training.data.TabularData;
import io.trainyard.training.metrics.ClassificationMetrics;
import io.trainyard.training.metrics.GroupMetrics;
import io.trainyard.training.metrics.SubgroupReport;
import io.trainyard.training.model.ModelFactory;
import io.trainyard.training.model.ModelRunner;
import io.trainyard.training.model.ModelSpec;
import io.trainyard.training.optim.LearningRateSchedule;
import io.trainyard.training.optim.TabularLoss;
import io.trainyard.training.optim.TabularOptimizer;
import io.trainyard.training.preprocess.EncodedSplit;
import io.trainyard.training.preprocess.PreparedDataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains a tabular model with DJL: {@link #train} is the entry point. One call = one run: validate, prepare the
 * data, build the block, resume from the latest checkpoint if any, train with early stopping, restore the best
 * weights, evaluate on validation and test, write the bundle.
 */
public final class TabularTrainer {
    private TabularTrainer() {
    }

    /**
     * @param config the run's config (defaults are applied)
     * @param data the rows
     * @param split the row assignment (see {@link io.trainyard.training.data.StratifiedSplitter})
     * @param listener progress/metrics/logs and the stop check; {@link TrainingListener#NONE} for none
     * @param checkpoints where checkpoints go and the resume point comes from; {@link CheckpointStore#NONE}
     * @param workDir where {@code model.zip} is written; null = no bundle
     * @throws InvalidConfigException when the config does not fit the data
     * @throws TrainingCancelledException on {@link StopRequest#CANCEL}
     */
    public static TrainingResult train(TrainingConfig config, TabularData data, SplitAssignment split,
            TrainingListener listener, CheckpointStore checkpoints, Path workDir) {
        DjlRuntime.configure();
        DjlRuntime.prepareThisThread();
        Instant started = Instant.now();
        TrainingConfig cfg = config.withDefaults();
        List<ConfigProblem> problems = new ArrayList<>(cfg.validate(new Schema(data.schema().columns(), 0)));
        if (split.train().length > 0 && cfg.batchSize() > split.train().length) {
            problems.add(new ConfigProblem("batchSize", "batch size " + cfg.batchSize()
                    + " is larger than the train split (" + split.train().length + " rows)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        PreparedDataset prepared = PreparedDataset.prepare(cfg, data, split);
        if (prepared.train().rows() == 0) {
            throw new InvalidConfigException(List.of(new ConfigProblem("split", "the train split has no rows")));
        }
        listener.onLog("rows: train=" + prepared.train().rows() + " validation=" + prepared.validation().rows()
                + " test=" + prepared.test().rows() + " droppedMissingTarget=" + prepared.droppedMissingTarget()
                + "; PyTorch threads " + DjlRuntime.threadsOfThisThread());
        try (Run run = new Run(cfg, data, prepared, listener, checkpoints)) {
            return run.execute(started, workDir);
        }
    }

    /** The state of one training call. */
    private static final class Run implements AutoCloseable {
        private final TrainingConfig cfg;
        private final TabularData data;
        private final PreparedDataset ds;
        private final TrainingListener listener;
        private final CheckpointStore checkpoints;
        private final boolean classification;
        private final int k;
        private final long seed;
        private final Device[] devices;
        private final ModelSpec spec;
        private final Model model;
        private final Block block;
        private final Trainer trainer;
        private final TabularOptimizer optimizer;
        private final boolean maximize;
        private final String configJson;
        private final int stepsPerEpoch;
        private final CheckpointState resumeFrom;

        private List<EpochMetrics> history = new ArrayList<>();
        private double bestValue;
        private int bestEpoch;
        private int badEpochs;
        private byte[] bestParameters;
        private byte[] lastSnapshot;
        private int lastSnapshotEpoch = -1;
        private int savedEpoch = -1;

        Run(TrainingConfig cfg, TabularData data, PreparedDataset ds, TrainingListener listener,
                CheckpointStore checkpoints) {
            this.cfg = cfg;
            this.data = data;
            this.ds = ds;
            this.listener = listener;
            this.checkpoints = checkpoints;
            this.classification = cfg.isClassification();
            this.k = classification ? ds.labels().classes().size() : 1;
            this.seed = cfg.split().seed();
            this.devices = DjlRuntime.devices(cfg.device());
            this.spec = ModelSpec.of(cfg.model(), ds.preprocessor().outputWidth(), k);
            this.maximize = cfg.earlyStopping().maximize();
            this.bestValue = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            this.configJson = TrainingConfigJson.toJson(cfg);
            int n = ds.train().rows();
            int batch = Math.min(cfg.batchSize(), n);
            int full = n / batch;
            int rest = n % batch;
            this.stepsPerEpoch = full + (rest > 1 || (rest == 1 && !spec.batchNorm()) ? 1 : 0);

            Engine.getInstance().setRandomSeed((int) seed);
            this.block = ModelFactory.build(spec);
            this.model = Model.newInstance("trainyard-tabular", devices[0]);
            model.setBlock(block);
            Map<String, String> idToName = new HashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                idToName.put(p.getValue().getId(), p.getKey());
            }
            LearningRateSchedule schedule = new LearningRateSchedule(cfg.schedule(),
                    cfg.optimizer().learningRate(), cfg.epochs(), stepsPerEpoch);
            this.optimizer = new TabularOptimizer(cfg.optimizer(), schedule, idToName);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new TabularLoss(classWeights()))
                    .optOptimizer(optimizer).optDevices(devices);
            // a resumed run loads its parameters before the trainer exists: the trainer's parameter store
            // caches the arrays it sees first, and initialize() keeps parameters that are already set
            this.resumeFrom = readCheckpoint();
            if (resumeFrom != null) {
                block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(batch, spec.inputWidth()));
                loadParameters(resumeFrom.parameters());
            }
            this.trainer = model.newTrainer(tc);
            trainer.initialize(new Shape(batch, spec.inputWidth()));
        }

        private CheckpointState readCheckpoint() {
            var latest = checkpoints.latest();
            if (latest.isEmpty()) {
                return null;
            }
            CheckpointState s = CheckpointState.decode(latest.get().bytes());
            if (!s.configJson().equals(configJson)) {
                listener.onLog("checkpoint ignored: it was made with a different config");
                return null;
            }
            return s;
        }

        private float[] classWeights() {
            if (!classification) {
                return null;
            }
            float[] w = new float[k];
            Arrays.fill(w, 1f);
            if ("balanced".equals(cfg.classWeights())) {
                long[] counts = new long[k];
                for (float y : ds.train().y()) {
                    counts[(int) y]++;
                }
                int n = ds.train().rows();
                for (int c = 0; c < k; c++) {
                    w[c] = counts[c] == 0 ? 0f : (float) n / (k * counts[c]);
                }
            }
            return w;
        }

        TrainingResult execute(Instant started, Path workDir) {
            int start = resume() + 1;
            int epochsThisRun = 0;
            TrainingResult.Status status = TrainingResult.Status.COMPLETED;
            boolean hasValidation = ds.validation().rows() > 0;
            for (int epoch = start; epoch <= cfg.epochs(); epoch++) {
                if (!trainEpoch(epoch)) {
                    saveCheckpoint(lastSnapshotEpoch);
                    listener.onLog("stopped for checkpoint after epoch " + lastSnapshotEpoch);
                    return new TrainingResult(TrainingResult.Status.STOPPED, Map.of(), List.copyOf(history), null,
                            List.of(), null, Arrays.toString(devices), Duration.between(started, Instant.now()),
                            history.size(), epochsThisRun, bestEpoch, null, rowCounts());
                }
                epochsThisRun++;
                boolean stop = hasValidation && cfg.earlyStopping().patience() > 0
                        && badEpochs >= cfg.earlyStopping().patience();
                if (epoch % cfg.checkpointEveryEpochs() == 0 || epoch == cfg.epochs() || stop) {
                    saveCheckpoint(epoch);
                }
                listener.onProgress(epoch, cfg.epochs());
                if (stop) {
                    listener.onLog("early stopping after epoch " + epoch + "; best epoch " + bestEpoch);
                    status = TrainingResult.Status.EARLY_STOPPED;
                    break;
                }
            }
            if (bestParameters != null) {
                loadParameters(bestParameters);
            } else {
                bestEpoch = history.size();
            }
            return finish(status, started, epochsThisRun, workDir);
        }

        /** @return the last completed epoch of the resumed checkpoint, or 0 */
        private int resume() {
            CheckpointState s = resumeFrom;
            if (s == null) {
                return 0;
            }
            optimizer.loadState(s.optimizerState(), model.getNDManager(), devices);
            history = new ArrayList<>(s.history());
            bestValue = s.bestValue();
            bestEpoch = s.bestEpoch();
            badEpochs = s.badEpochs();
            bestParameters = s.bestParameters();
            lastSnapshot = s.encode();
            lastSnapshotEpoch = s.epoch();
            savedEpoch = s.epoch();
            listener.onLog("resumed from checkpoint after epoch " + s.epoch());
            return s.epoch();
        }

        /** @return false when a checkpoint-and-stop was requested (the epoch is abandoned) */
        private boolean trainEpoch(int epoch) {
            Engine.getInstance().setRandomSeed((int) (seed * 31 + epoch)); // dropout masks: a function of the epoch
            EncodedSplit train = ds.train();
            int n = train.rows();
            int w = train.width();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int batch = Math.min(cfg.batchSize(), n);
            double lossSum = 0;
            long rowsSeen = 0;
            long t0 = System.nanoTime();
            for (int b = 0; b < stepsPerEpoch; b++) {
                StopRequest req = listener.stopRequest();
                if (req == StopRequest.CANCEL) {
                    throw new TrainingCancelledException(history.size());
                }
                if (req == StopRequest.CHECKPOINT_AND_STOP) {
                    return false;
                }
                int from = b * batch;
                int size = Math.min(batch, n - from);
                float[] x = new float[size * w];
                float[] y = new float[size];
                for (int i = 0; i < size; i++) {
                    int r = order[from + i];
                    System.arraycopy(train.x(), r * w, x, i * w, w);
                    y[i] = train.y()[r];
                }
                lossSum += step(x, y, size, w) * size;
                rowsSeen += size;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / rowsSeen);
            if (ds.validation().rows() > 0) {
                metrics.putAll(evaluate(ds.validation(), "val_"));
            }
            double lr = optimizer.currentLearningRate();
            history.add(new EpochMetrics(epoch, metrics, lr, seconds, rowsSeen / Math.max(seconds, 1e-9)));
            metrics.forEach((key, v) -> listener.onMetric(key, v, epoch));
            listener.onMetric("learning_rate", lr, epoch);
            byte[] params = saveParameters();
            Double monitored = metrics.get(cfg.earlyStopping().metric());
            if (monitored != null && !monitored.isNaN()) {
                double delta = cfg.earlyStopping().minDelta();
                boolean better = maximize ? monitored > bestValue + delta : monitored < bestValue - delta;
                if (better) {
                    bestValue = monitored;
                    bestEpoch = epoch;
                    badEpochs = 0;
                    bestParameters = params;
                } else {
                    badEpochs++;
                }
            }
            lastSnapshot = new CheckpointState(configJson, epoch, bestValue, bestEpoch, badEpochs, history, params,
                    bestParameters, optimizer.saveState()).encode();
            lastSnapshotEpoch = epoch;
            return true;
        }

        /** One optimizer step; the batch is split over the devices (data parallel). @return the batch loss */
        private double step(float[] x, float[] y, int size, int w) {
            optimizer.beginStep();
            double loss = 0;
            try (NDManager scope = trainer.getManager().newSubManager();
                    GradientCollector collector = trainer.newGradientCollector()) {
                zeroGradients(collector);
                int parts = Math.min(devices.length, size);
                int from = 0;
                for (int p = 0; p < parts; p++) {
                    int n = size / parts + (p < size % parts ? 1 : 0);
                    NDManager dm = scope.newSubManager(devices[p]);
                    NDArray xs = dm.create(Arrays.copyOfRange(x, from * w, (from + n) * w), new Shape(n, w));
                    NDArray ys = dm.create(Arrays.copyOfRange(y, from, from + n));
                    NDList pred = trainer.forward(new NDList(xs));
                    NDArray l = trainer.getLoss().evaluate(new NDList(ys), pred);
                    loss += l.getFloat() * n / size;
                    collector.backward(parts == 1 ? l : l.mul((float) n / size));
                    from += n;
                }
            }
            trainer.step();
            return loss;
        }

        /**
         * PyTorch accumulates gradients and DJL's trainer does not clear them. One device: zero each parameter's
         * gradient; several: the collector's zeroGradients (walks every array of the engine, slower).
         */
        private void zeroGradients(GradientCollector collector) {
            if (devices.length > 1) {
                collector.zeroGradients();
                return;
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.hasGradient()) {
                    try (NDArray g = array.getGradient()) {
                        g.subi(g);
                    }
                }
            }
        }

        private Map<String, Double> evaluate(EncodedSplit split, String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            if (split.rows() == 0) {
                return m;
            }
            float[] out = ModelRunner.forward(block, model.getNDManager(), split.x(), split.rows(), split.width(), k);
            if (classification) {
                double[][] p = ModelRunner.softmax(out, split.rows(), k);
                int[] actual = Arrays.stream(split.target()).mapToInt(d -> (int) d).toArray();
                m.put(prefix + "loss", crossEntropy(p, actual));
                m.putAll(ClassificationMetrics.compute(ds.labels().classes(), actual, p).toMap(prefix));
            } else {
                double[] pred = toTargetUnits(out);
                double mse = 0;
                for (int i = 0; i < split.rows(); i++) {
                    double e = out[i] - split.y()[i];
                    mse += e * e;
                }
                m.put(prefix + "loss", mse / split.rows());
                m.putAll(io.trainyard.training.metrics.RegressionMetrics.compute(split.target(), pred).toMap(prefix));
            }
            return m;
        }

        private double crossEntropy(double[][] p, int[] actual) {
            float[] weights = classWeights();
            double sum = 0;
            for (int i = 0; i < actual.length; i++) {
                sum += -Math.log(Math.max(p[i][actual[i]], 1e-12)) * weights[actual[i]];
            }
            return sum / actual.length;
        }

        private double[] toTargetUnits(float[] out) {
            double[] v = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                v[i] = out[i] * ds.labels().targetStd() + ds.labels().targetMean();
            }
            return v;
        }

        private TrainingResult finish(TrainingResult.Status status, Instant started, int epochsThisRun,
                Path workDir) {
            Map<String, Double> fin = new LinkedHashMap<>();
            fin.putAll(evaluate(ds.validation(), "val_"));
            fin.putAll(evaluate(ds.test(), "test_"));
            fin.put("best_epoch", (double) bestEpoch);
            EncodedSplit report = ds.test().rows() > 0 ? ds.test() : ds.validation();
            ClassificationMetrics cm = null;
            if (classification && report.rows() > 0) {
                float[] out = ModelRunner.forward(block, model.getNDManager(), report.x(), report.rows(),
                        report.width(), k);
                cm = ClassificationMetrics.compute(ds.labels().classes(),
                        Arrays.stream(report.target()).mapToInt(d -> (int) d).toArray(),
                        ModelRunner.softmax(out, report.rows(), k));
            }
            SubgroupReport groups = cfg.evaluation().groupBy() == null ? null : subgroups(report);
            int last = history.size();
            fin.forEach((key, v) -> {
                if (key.startsWith("test_")) {
                    listener.onMetric(key, v, last);
                }
            });
            Path bundlePath = null;
            if (workDir != null) {
                bundlePath = workDir.resolve("model.zip");
                try {
                    bundle(fin).write(bundlePath);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                listener.onLog("bundle written to " + bundlePath);
            }
            return new TrainingResult(status, fin, List.copyOf(history), cm == null ? null : cm.confusionMatrix(),
                    cm == null ? List.of() : cm.perClass(), groups, Arrays.toString(devices),
                    Duration.between(started, Instant.now()), history.size(), epochsThisRun, bestEpoch, bundlePath,
                    rowCounts());
        }

        private SubgroupReport subgroups(EncodedSplit split) {
            int g = data.indexOf(cfg.evaluation().groupBy());
            Map<String, List<Integer>> byGroup = new TreeMap<>();
            for (int i = 0; i < split.rows(); i++) {
                String v = data.cell(split.sourceRows()[i], g);
                byGroup.computeIfAbsent(TabularData.isMissing(v) ? "(missing)" : v.strip(), x -> new ArrayList<>())
                        .add(i);
            }
            List<GroupMetrics> groups = new ArrayList<>();
            byGroup.forEach((name, idx) -> groups.add(new GroupMetrics(name, idx.size(),
                    evaluate(subset(split, idx), "test_"))));
            return SubgroupReport.of(cfg.evaluation().groupBy(), cfg.evaluation().minGroupSize(), groups);
        }

        private static EncodedSplit subset(EncodedSplit s, List<Integer> idx) {
            int w = s.width();
            int n = idx.size();
            int[] rows = new int[n];
            float[] x = new float[n * w];
            float[] y = new float[n];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                int r = idx.get(i);
                rows[i] = s.sourceRows()[r];
                System.arraycopy(s.x(), r * w, x, i * w, w);
                y[i] = s.y()[r];
                t[i] = s.target()[r];
            }
            return new EncodedSplit(rows, x, y, t, w);
        }

        private ModelBundle bundle(Map<String, Double> metrics) {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("trainyard-training", DjlRuntime.libraryVersion());
            versions.put("djl", DjlRuntime.djlVersion());
            versions.put("engine", DjlRuntime.engineDescription());
            List<Column> inputs = cfg.features().stream()
                    .map(f -> data.columns().get(data.indexOf(f)))
                    .map(c -> new Column(c.name(), c.type()))
                    .toList();
            BundleManifest manifest = new BundleManifest(ModelBundle.FORMAT_VERSION, Instant.now().toString(),
                    versions, cfg.task(), spec, ds.preprocessor(), ds.labels(), inputs, cfg, metrics);
            return new ModelBundle(manifest, saveParameters());
        }

        private Map<String, Long> rowCounts() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("train", (long) ds.train().rows());
            m.put("validation", (long) ds.validation().rows());
            m.put("test", (long) ds.test().rows());
            m.put("droppedMissingTarget", ds.droppedMissingTarget());
            m.put("droppedDuplicates", ds.droppedDuplicates());
            m.put("droppedMissingFeatures", ds.droppedMissingFeatures());
            m.put("unknownCategoriesTest", ds.unknownCategoriesTest());
            return m;
        }

        private void saveCheckpoint(int epoch) {
            if (lastSnapshot == null || epoch != lastSnapshotEpoch || epoch == savedEpoch) {
                return;
            }
            checkpoints.save(epoch, lastSnapshot);
            savedEpoch = epoch;
        }

        private byte[] saveParameters() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                block.saveParameters(out);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void loadParameters(byte[] bytes) {
            try {
                block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(bytes)));
            } catch (IOException | MalformedModelException e) {
                throw new IllegalStateException("cannot load parameters", e);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
        }

        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }
}
