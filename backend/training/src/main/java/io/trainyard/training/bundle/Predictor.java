package io.trainyard.training.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.trainyard.training.DjlRuntime;
import io.trainyard.training.model.ModelFactory;
import io.trainyard.training.model.ModelRunner;
import io.trainyard.training.model.ModelSpec;
import io.trainyard.training.preprocess.LabelMapping;
import io.trainyard.training.preprocess.Preprocessor;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a model bundle and predicts rows on the CPU. Values of a categorical feature not seen in training go to
 * its unknown bucket and are counted ({@link #unknownCategories()}); missing cells are imputed; absent feature
 * columns raise {@link MissingFeaturesException}. Thread-safe (predictions are serialized).
 */
public final class Predictor implements AutoCloseable {
    private final BundleManifest manifest;
    private final Model model;
    private final Block block;
    private final AtomicLong unknown = new AtomicLong();
    private boolean closed;

    private Predictor(ModelBundle bundle) throws IOException {
        DjlRuntime.configure();
        this.manifest = bundle.manifest();
        ModelSpec spec = manifest.architecture();
        this.block = ModelFactory.build(spec);
        this.model = Model.newInstance("predictor", Device.cpu());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputWidth()));
        try {
            block.loadParameters(model.getNDManager(),
                    new DataInputStream(new ByteArrayInputStream(bundle.parameters())));
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("bundle parameters do not match its architecture", e);
        }
    }

    public static Predictor load(Path bundle) throws IOException {
        return new Predictor(ModelBundle.read(bundle));
    }

    public static Predictor of(ModelBundle bundle) throws IOException {
        return new Predictor(bundle);
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** The feature names, in the order {@link #predictRow(String[])} expects. */
    public List<String> featureNames() {
        return manifest.preprocessor().featureNames();
    }

    public long unknownCategories() {
        return unknown.get();
    }

    public Prediction predict(Map<String, String> row) {
        return predict(List.of(row)).get(0);
    }

    /** Rows keyed by column name; extra keys are ignored. */
    public List<Prediction> predict(List<Map<String, String>> rows) {
        List<String> names = featureNames();
        List<String[]> ordered = new ArrayList<>(rows.size());
        for (Map<String, String> row : rows) {
            List<String> absent = names.stream().filter(n -> !row.containsKey(n)).toList();
            if (!absent.isEmpty()) {
                throw new MissingFeaturesException(absent);
            }
            ordered.add(names.stream().map(row::get).toArray(String[]::new));
        }
        return predictRows(ordered);
    }

    public Prediction predictRow(String[] cells) {
        return predictRows(List.<String[]>of(cells)).get(0);
    }

    /** Rows as cells in {@link #featureNames()} order. */
    public synchronized List<Prediction> predictRows(List<String[]> rows) {
        if (closed) {
            throw new IllegalStateException("the predictor was closed");
        }
        Preprocessor pre = manifest.preprocessor();
        int w = pre.outputWidth();
        List<String> names = featureNames();
        float[] x = new float[rows.size() * w];
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i);
            if (cells.length < names.size()) {
                throw new MissingFeaturesException(names.subList(cells.length, names.size()));
            }
            pre.encodeInto(cells, x, i * w, unknown);
        }
        LabelMapping labels = manifest.labels();
        int k = manifest.architecture().outputWidth();
        DjlRuntime.prepareThisThread();
        float[] out = ModelRunner.forward(block, model.getNDManager(), x, rows.size(), w, k);
        List<Prediction> result = new ArrayList<>(rows.size());
        if (labels.isClassification()) {
            double[][] p = ModelRunner.softmax(out, rows.size(), k);
            for (double[] row : p) {
                Map<String, Double> probs = new LinkedHashMap<>();
                int best = 0;
                for (int c = 0; c < k; c++) {
                    probs.put(labels.classes().get(c), row[c]);
                    if (row[c] > row[best]) {
                        best = c;
                    }
                }
                result.add(new Prediction(labels.classes().get(best), probs, null));
            }
        } else {
            for (float v : out) {
                result.add(new Prediction(null, Map.of(), v * labels.targetStd() + labels.targetMean()));
            }
        }
        return result;
    }

    /** Waits for a prediction in progress; a later one gets {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        closed = true;
        model.close();
    }
}
